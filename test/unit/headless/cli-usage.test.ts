import { describe, expect, it } from 'vitest';
import { commandUsage, USAGE } from '../../../src/headless/cli-usage';
import { MESSAGE_MODEL_IDS } from '../../../src/shared/messages/message-cost';
import { MODEL_IDS, MODELS } from '../../../src/shared/models';
import { WORKLOADS } from '../../../src/shared/workloads/registry';

/** The names a usage text lists after "Label:", over its wrapped lines. */
function listed(text: string, label: string): string[] {
  const start = text.indexOf(`${label}:`);
  expect(start, `${label} in the usage`).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (const line of text.slice(start + label.length + 1).split('\n')) {
    if (block.length > 0 && !line.startsWith(' '.repeat(11))) break;
    block.push(line);
  }
  return block
    .join(' ')
    .replace(/\(.*?\)/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

describe('the CLI usage', () => {
  it('lists every workload of the registry, in its order', () => {
    expect(listed(USAGE, 'Workloads')).toEqual(WORKLOADS.map((w) => w.id));
    expect(listed(commandUsage('run'), 'Workloads')).toEqual(WORKLOADS.map((w) => w.id));
  });

  it('lists the models a command line can run: Node’s and Python’s, not Electron’s or the page’s', () => {
    const models = listed(commandUsage('run'), 'Models');
    expect(models).toEqual(
      MODEL_IDS.filter((id) => MODELS[id].runtime === 'node' || MODELS[id].runtime === 'python'),
    );
    expect(models).toContain('event-loop');
    expect(models).toContain('python-asyncio');
    expect(models).not.toContain('utility-process');
    expect(models).not.toContain('web-workers');
    expect(listed(commandUsage('messages'), 'Models')).toEqual([...MESSAGE_MODEL_IDS]);
  });
});
