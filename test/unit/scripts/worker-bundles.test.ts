import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtHost } from '../../helpers/built';

describe('the pool workers’ bundles', () => {
  // Every pool worker loads its host at start: zod there cost each worker ~150 ms (2.3× the
  // start-up of a worker thread), once the workload registry imported it by way of a helper.
  it.each(['worker-thread', 'child-process', 'event-loop-host'])('%s loads no zod', (host) => {
    expect(readFileSync(builtHost(host), 'utf8')).not.toMatch(/from "zod"/);
  });
});
