/** Helpers kernels use to declare and read their size parameters. */
import type { ParamSpec, WorkloadParams } from './types';

/** Declares an integer parameter. */
export function intParam(
  name: string,
  label: string,
  range: { min: number; max: number; default: number },
  unit?: string,
): ParamSpec {
  return { name, label, ...range, isInteger: true, ...(unit === undefined ? {} : { unit }) };
}

/**
 * Reads a parameter, falling back to its default: the engine passes resolved params, but
 * kernels stay usable on their own (tests, the renderer) with a partial set.
 */
export function paramValue(params: WorkloadParams, spec: ParamSpec): number {
  return params[spec.name] ?? spec.default;
}
