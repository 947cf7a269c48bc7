/** The one part of jStat (which ships no types) that Corelab uses. */
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** Quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(probability: number, dof: number): number;
    };
  };
  export default jStat;
}
