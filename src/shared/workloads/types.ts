/** The contract every workload kernel fulfils; kernels are pure and deterministic. */
export type WorkloadKind = 'cpu' | 'io' | 'mixed' | 'fault';

/** Workload sizes are plain numbers, checked against the workload's ParamSpec list. */
export type WorkloadParams = Record<string, number>;

export interface ParamSpec {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  isInteger: boolean;
  unit?: string;
}

/**
 * What a host gives a kernel beyond pure computation. Node hosts provide file and HTTP
 * access; a browser host provides neither, and workloads that need them are unavailable.
 */
export interface TaskEnv {
  sleep(ms: number): Promise<void>;
  /** Writes the bytes to a temp file, fsyncs it, reads it back and returns what was read. */
  fileRoundTrip?: (name: string, data: Uint8Array) => Promise<Uint8Array>;
  /** GETs a path from the run's loopback HTTP server and returns the body. */
  httpGet?: (path: string) => Promise<Uint8Array>;
}

/** Host facilities a workload needs beyond timers. */
export type WorkloadNeed = 'file' | 'http';

export interface WorkloadDefinition {
  id: string;
  label: string;
  kind: WorkloadKind;
  /** One plain sentence on what a task does. */
  description: string;
  params: readonly ParamSpec[];
  /** Task count of a default run: a few seconds on 2 cores. */
  defaultTasks: number;
  needs: readonly WorkloadNeed[];
  /** Computes task `taskIndex` of `taskCount` and returns its 32-bit checksum. */
  runTask(
    params: WorkloadParams,
    taskIndex: number,
    taskCount: number,
    env: TaskEnv,
  ): number | Promise<number>;
  /**
   * The run's expected checksum, computed without the models (an independent algorithm
   * where one exists, otherwise the kernel run sequentially) so results can be verified.
   */
  reference(params: WorkloadParams, taskCount: number): number;
}
