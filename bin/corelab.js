#!/usr/bin/env node
// Runs the built CLI; `npm install` builds it through the prepare script.
import { existsSync } from 'node:fs';

const cli = new URL('../out/headless/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('corelab: the CLI is not built yet; run `npm run build:headless` first.\n');
  process.exit(1);
}
await import(cli.href);
