import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedElectronVersion, scan } from '../../../scripts/electronegativity.mjs';

type ScanResult = Awaited<ReturnType<typeof scan>>;

const electronVersion = pinnedElectronVersion();
let dir: string;
let fixtures: ScanResult;

// One scan over a folder of small insecure files (each scan costs seconds).
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'corelab-eng-'));
  const files: Record<string, string> = {
    'window.ts':
      "import { BrowserWindow } from 'electron';\n" +
      'new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n',
    'open-plain.ts': 'shell.openExternal(url);\n',
    'open-suppressed.ts': 'shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK\n',
    'broken.ts': 'const = ;\n',
  };
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  fixtures = await scan({ input: dir, electronVersion });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The check ids found in `file`. */
const idsIn = (result: ScanResult, file: string) =>
  result.findings.filter((finding) => finding.file === file).map((finding) => finding.id);

describe('the Electronegativity gate', () => {
  it('reads the pinned Electron version from package.json', () => {
    expect(electronVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports a window without isolation or sandbox at MEDIUM or above', () => {
    expect(idsIn(fixtures, 'window.ts')).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
  });

  it('drops a finding only on a line whose eng-disable comment names it', () => {
    expect(idsIn(fixtures, 'open-plain.ts')).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
    expect(idsIn(fixtures, 'open-suppressed.ts')).toEqual([]);
  });

  it('reports a file it cannot parse instead of skipping it', () => {
    expect(fixtures.unparsed.map((error) => path.basename(error.file))).toEqual(['broken.ts']);
  });

  it('finds nothing of MEDIUM or above in the sources', async () => {
    const { findings, unparsed } = await scan({ input: 'src', electronVersion });
    const where = findings.map(
      (finding) => `${finding.id} ${finding.file}:${finding.location.line}`,
    );
    expect(where).toEqual([]);
    expect(unparsed).toEqual([]);
  });
});
