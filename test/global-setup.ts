/**
 * Builds the worker bundles once before the tests: runners spawn real threads and
 * processes from files, exactly as the CLI does.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-headless.mjs'], { stdio: 'inherit' });
}
