import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openProcFile } from '../../../src/workers/proc-file';

describe.runIf(process.platform === 'linux')('openProcFile', () => {
  it('reads a procfs file whole, growing past a small first buffer, again and again', () => {
    // mountinfo is a few kB here and does not change between two reads, as maps or stat do.
    const file = openProcFile('/proc/self/mountinfo', 16);
    try {
      for (let i = 0; i < 3; i++)
        expect(file.read()).toBe(readFileSync('/proc/self/mountinfo', 'latin1'));
    } finally {
      file.close();
    }
  });

  it('gives the same text as bytes, with no end-of-file read needed', () => {
    const file = openProcFile('/proc/self/cmdline', 4);
    try {
      const expected = readFileSync('/proc/self/cmdline');
      expect(Buffer.from(file.readBytes()).equals(expected)).toBe(true);
    } finally {
      file.close();
    }
  });
});
