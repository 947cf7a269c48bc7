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
  /**
   * Ends this worker at once with the exit code: its thread or process, never the engine.
   * Absent where the worker is the engine's (or the page's) own thread.
   */
  exitWorker?: (code: number) => void;
  /**
   * The heap limit this worker runs under, in MiB. Present only where the worker has a heap
   * of its own with that limit set, so that exhausting it ends the worker alone.
   */
  memoryLimitMb?: number;
  /** Sends a log line to the run's host; lines beyond the host's budget are counted, not sent. */
  log?: (message: string) => void;
}

/**
 * Host facilities a workload needs beyond timers: file access, the run's HTTP server, a
 * worker that may exit on its own, a worker with a heap limit of its own.
 */
export type WorkloadNeed = 'file' | 'http' | 'worker-exit' | 'memory-limit';

export interface WorkloadDefinition {
  id: string;
  label: string;
  kind: WorkloadKind;
  /** One plain sentence on what a task does. */
  description: string;
  params: readonly ParamSpec[];
  /** Task count of a default run: a few seconds on 2 cores. */
  defaultTasks: number;
  /**
   * How calibration makes the work bigger or smaller (DESIGN.md "How a measurement is
   * taken"): through a param, the total work growing as param^exponent while tasks only
   * split it, or through the task count, each task costing the same. Absent for the fault
   * demos, which are never resized.
   */
  sizing?:
    | {
        by: 'param';
        param: string;
        exponent: number;
        /** The least of the param one task needs to get any work (a block, a row). */
        grain?: number;
      }
    | { by: 'tasks' };
  needs: readonly WorkloadNeed[];
  /**
   * Run options this workload uses when the config leaves them out: a fault demo ends in
   * seconds instead of waiting out the general task timeout.
   */
  runDefaults?: { taskTimeoutMs?: number; memoryLimitMb?: number };
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
  /**
   * Every task's expected checksum by the independent algorithm, so tasks can be checked one
   * by one (a live run never completes a whole run). Absent where there is none.
   */
  taskReferences?(params: WorkloadParams, taskCount: number): number[];
}
