import { describe, expect, it } from 'vitest';
import { threadStatesUnreadableReason } from '../../../../src/main/engine/thread-state-support';

describe('threadStatesUnreadableReason', () => {
  it('names macOS and Windows as unable to give a thread’s run-queue time', () => {
    expect(threadStatesUnreadableReason('darwin')).toBe(
      "macOS does not expose a thread's run-queue time (Linux's /proc does)",
    );
    expect(threadStatesUnreadableReason('win32')).toMatch(/^Windows does not expose/);
  });

  it('reads Linux only where schedstat is there', () => {
    expect(threadStatesUnreadableReason('linux', () => true)).toBeNull();
    expect(threadStatesUnreadableReason('linux', () => false)).toMatch(/schedstat is not readable/);
  });
});
