/** `corelab messages`: the JSON document's exact shape, the table, and refused flags. */
import { describe, expect, it } from 'vitest';
import { messageTableSchema } from '../../../src/shared/messages/message-cost';
import { runCli } from '../../helpers/cli';

describe('corelab messages', () => {
  it('prints exactly { rows, crossovers } with --json', () => {
    const { status, stdout } = runCli([
      'messages',
      '--models',
      'worker-threads,child-process',
      '--sizes',
      '8,1MiB',
      '--json',
    ]);
    expect(status).toBe(0);
    const document = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(document).sort()).toEqual(['crossovers', 'rows']);
    const table = messageTableSchema.strict().parse(document);
    expect(Object.keys(table.rows[0]!).sort()).toEqual(
      ['bytes', 'mbPerSec', 'mode', 'model', 'roundTripMsP50', 'roundTripMsP99'].sort(),
    );
    // 4 worker_threads modes (the control included) and 2 IPC serialisations, at 2 sizes.
    expect(table.rows).toHaveLength(12);
    expect(table.crossovers.map((c) => `${c.model}:${c.fasterMode}>${c.slowerMode}`)).toEqual([
      'worker-threads:shared-array-buffer>structured-clone',
      'worker-threads:transfer>structured-clone',
      'child-process:ipc-advanced>ipc-json',
    ]);
  }, 60_000);

  it('prints a table, the crossovers and the control check', () => {
    const { status, stdout } = runCli([
      'messages',
      '--models',
      'worker-threads',
      '--sizes',
      '8..512',
    ]);
    expect(status).toBe(0);
    expect(stdout).toContain('SharedArrayBuffer (no copy)');
    expect(stdout).toContain('control: bare postMessage');
    expect(stdout).toMatch(/Checked against a bare postMessage round trip measured beside it/);
    expect(stdout).toMatch(/^Worker threads: .*structured clone \(copy\)/m);
  }, 60_000);

  it('refuses an unknown model and a size out of range, with usage', () => {
    const model = runCli(['messages', '--models', 'event-loop']);
    expect(model.status).toBe(2);
    expect(model.stderr).toMatch(/--models: "event-loop" must be one of worker-threads/);
    const size = runCli(['messages', '--sizes', '128MiB']);
    expect(size.status).toBe(2);
    expect(size.stderr).toMatch(/"128MiB" must be a size from 8 to 64MiB/);
  });

  it('has its own --help', () => {
    const { status, stdout } = runCli(['messages', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/messages \[--models a,b\] \[--sizes LIST\|FROM\.\.TO\] \[--json\]/);
  });
});
