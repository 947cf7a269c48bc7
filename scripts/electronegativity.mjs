// `node scripts/electronegativity.mjs [folder…]`: scans the sources (default: src) with
// Electronegativity and fails on any finding of MEDIUM severity or above, whatever its
// confidence, and on any file the scanner could not parse (a file it cannot read is a file it
// did not check). A finding is suppressed only in the source, by an `eng-disable CHECK_ID`
// comment on its line, with a comment saying why (see SECURITY.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Checks left out, each for a reason: this one asks GitHub for Electron's release notes (no
 * network here, and `got` has no timeout), and it only reads package.json, not the sources.
 * Keeping Electron current is a release task (SECURITY.md, point 16).
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** The Electron version the sources target, from package.json (the scanner cannot see it in src). */
export function pinnedElectronVersion(packageJsonPath = path.join(root, 'package.json')) {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const version = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
  if (!version) throw new Error(`${packageJsonPath} names no electron version`);
  return version.replace(/^[\^~]/, '');
}

/**
 * Scans `input` (a folder or file) and returns the findings at or above MEDIUM and the
 * files that could not be parsed; inline-suppressed findings are already left out.
 * @param {{ input: string, electronVersion: string }} options
 */
export async function scan({ input, electronVersion }) {
  const run = require('@doyensec/electronegativity');
  const { issues, errors } = await run(
    {
      input: path.resolve(input),
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const atLeastMedium = issues.filter((issue) => issue.severity.value >= 2);
  const unparsed = errors.filter((error) => !error.tolerable);
  return { findings: atLeastMedium, unparsed, lowerCount: issues.length - atLeastMedium.length };
}

/** One line per finding: where, what, how sure, and the check's documentation. */
function describe(finding) {
  const where = `${finding.file}:${finding.location.line}:${finding.location.column}`;
  const rating = `${finding.severity.name}/${finding.confidence.name}`;
  return `  ${finding.id} ${rating} at ${where}\n    ${finding.description} (${finding.shortenedURL})`;
}

async function main() {
  const inputs = process.argv.slice(2);
  const electronVersion = pinnedElectronVersion();
  let isFailed = false;
  for (const input of inputs.length > 0 ? inputs : ['src']) {
    const { findings, unparsed, lowerCount } = await scan({ input, electronVersion });
    for (const error of unparsed)
      console.error(`  could not parse ${error.file}: ${error.message}`);
    for (const finding of findings) console.error(describe(finding));
    const verdict = findings.length + unparsed.length === 0 ? 'ok' : 'FAILED';
    console.log(
      `electronegativity ${input} (Electron ${electronVersion}): ${findings.length} finding(s) ` +
        `of MEDIUM or above, ${unparsed.length} unparsed file(s), ${lowerCount} below MEDIUM: ${verdict}`,
    );
    isFailed ||= verdict !== 'ok';
  }
  process.exitCode = isFailed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
