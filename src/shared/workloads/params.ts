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

/**
 * Splits [0, total) into `count` contiguous, near-equal chunks and returns chunk `index` as
 * [start, end). Chunks may be empty when count > total.
 */
export function chunkBounds(total: number, index: number, count: number): [number, number] {
  return [Math.floor((total * index) / count), Math.floor((total * (index + 1)) / count)];
}
