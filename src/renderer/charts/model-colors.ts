/** One colour per model, the same in every chart, table and card; readable on both themes. */
import type { ModelId } from '../../shared/models';

export const MODEL_COLORS: Record<ModelId, string> = {
  'event-loop': '#e0a030',
  'worker-threads': '#3b82f6',
  'child-process': '#10a37f',
  'utility-process': '#8b5cf6',
  'renderer-main': '#e5486b',
  'web-workers': '#0ea5c6',
  // Python's family: olive and lime greens, apart from the Node models' blues and teals.
  'python-multiprocessing': '#4d7c0f',
  'python-threading': '#8fb31b',
  'python-asyncio': '#b59f3b',
};
