/** The app's processes as Electron reports them (app.getAppMetrics), in the engine's shape. */
import { app } from 'electron';
import type { AppProcessReading } from './engine/app-processes';

/** ProcessMetric's memory figures are in kilobytes (the MemoryInfo structure's docs). */
const KIB = 1024;

/** Converts Electron's ProcessMetric list; `metrics` is app.getAppMetrics() by default. */
export function readAppProcesses(
  metrics: readonly Electron.ProcessMetric[] = app.getAppMetrics(),
): AppProcessReading[] {
  return metrics.map((metric) => ({
    pid: metric.pid,
    creationTime: metric.creationTime,
    type: metric.type,
    ...(metric.name === undefined ? {} : { name: metric.name }),
    ...(metric.cpu.cumulativeCPUUsage === undefined
      ? {}
      : { cpuSeconds: metric.cpu.cumulativeCPUUsage }),
    workingSetBytes: metric.memory.workingSetSize * KIB,
  }));
}
