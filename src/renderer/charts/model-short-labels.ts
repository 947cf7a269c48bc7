/** Short model names for chart axes and readouts, where the full labels do not fit. */
import type { ModelId } from '../../shared/models';

export const MODEL_SHORT_LABELS: Record<ModelId, string> = {
  'event-loop': 'Event loop',
  'worker-threads': 'Threads',
  'child-process': 'Processes',
  'utility-process': 'Utility proc.',
  'renderer-main': 'UI thread',
  'web-workers': 'Web Workers',
  'python-multiprocessing': 'Py processes',
  'python-threading': 'Py threads',
  'python-asyncio': 'Py asyncio',
};
