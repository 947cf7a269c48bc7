/** Every built-in workload, looked up by id, with its params checked against its specs. */
import { invalidArgument, LabError } from '../errors';
import { FAULT_WORKLOADS } from './fault';
import { fileWorkload } from './file';
import { hashWorkload } from './hash';
import { httpWorkload } from './http-get';
import { mandelbrotWorkload } from './mandelbrot';
import { mixedWorkload } from './mixed';
import { primesWorkload } from './primes';
import { sleepWorkload } from './sleep';
import type { WorkloadDefinition, WorkloadParams } from './types';
import { fieldPath, unknownKeyRule } from '../field-words';

/** The built-in workloads, in the order a picker shows them. */
export const WORKLOADS: readonly WorkloadDefinition[] = [
  primesWorkload,
  hashWorkload,
  mandelbrotWorkload,
  sleepWorkload,
  fileWorkload,
  httpWorkload,
  mixedWorkload,
  ...FAULT_WORKLOADS,
];

/** Finds a workload by id; an unknown id is refused with the list of known ones. */
export function getWorkload(id: string): WorkloadDefinition {
  const found = WORKLOADS.find((workload) => workload.id === id);
  if (!found) {
    throw invalidArgument('workload', `must be one of: ${WORKLOADS.map((w) => w.id).join(', ')}`);
  }
  return found;
}

/**
 * Fills in defaults and checks every given param against the workload's specs, refusing
 * unknown names and out-of-range or non-integer values with a message naming the param.
 */
export function resolveParams(def: WorkloadDefinition, params: WorkloadParams): WorkloadParams {
  const known = new Set(def.params.map((spec) => spec.name));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) {
      const rule = unknownKeyRule([...known], [], `params of ${def.id}`);
      throw new LabError('invalid-argument', `${fieldPath(['params', name])}: ${rule}`);
    }
  }
  const resolved: WorkloadParams = {};
  for (const spec of def.params) {
    const value = params[spec.name] ?? spec.default;
    const isValid =
      Number.isFinite(value) &&
      value >= spec.min &&
      value <= spec.max &&
      (!spec.isInteger || Number.isInteger(value));
    if (!isValid) {
      const kind = spec.isInteger ? 'an integer' : 'a number';
      throw invalidArgument(spec.name, `must be ${kind} between ${spec.min} and ${spec.max}`);
    }
    resolved[spec.name] = value;
  }
  return resolved;
}
