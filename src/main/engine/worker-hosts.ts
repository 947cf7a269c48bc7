/** Where the built worker hosts are: each file of src/workers/hosts, by its name. */

/** The built worker hosts the engine spawns, and the Python side. */
export interface WorkerScripts {
  /**
   * Each file of src/workers/hosts, built, by its name ('worker-thread'). A model whose host
   * is missing has no runner here; without the pipeline hosts those models run no pipeline,
   * without the snapshot thread listings parse on the engine's loop, and without the message
   * echo the explorer measures no Node model.
   */
  hosts: Readonly<Record<string, string>>;
  /** The src/python folder as shipped; without it the Python models are unavailable. */
  python?: string;
}

/** A host the caller cannot do without; throws, naming it, when the build lacks it. */
export function requiredHost(scripts: WorkerScripts, name: string): string {
  const script = scripts.hosts[name];
  if (!script) throw new Error(`The worker host ${name} is not part of this build`);
  return script;
}
