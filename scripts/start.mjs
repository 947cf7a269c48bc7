// `npm start`: the desktop app where Electron can run, installing its binary first when it is
// missing and the network allows; otherwise (offline, no display, AppArmor, a launch that dies
// in its first seconds) one line with the reason and the remedy, then browser mode
// (`corelab serve`), whose URL it prints. Arguments go to `corelab serve`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktop } from './electron-launch.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const electronDir = path.join(root, 'node_modules/electron');
const electronVite = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');

/** Runs a build step; exits with its status if it fails. */
function build(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Outlives `child`, then exits with its status. */
function exitWith(child, exitCode) {
  // Ctrl+C reaches the child from the terminal itself (same process group); forwarding it
  // too would be a second Ctrl+C, which means "quit at once". Just outlive the child.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  void exitCode.then((code) => process.exit(code));
}

// Both modes serve the same built main, preload and renderer; building first also keeps the
// build's time out of the launch's early-exit window.
build([electronVite, 'build', '--logLevel', 'warn']);

const decision = await startDesktop({
  electronDir,
  env: process.env,
  platform: process.platform,
  cwd: root,
  installCommand: [process.execPath, path.join(electronDir, 'install.js')],
  launcher: () => ({
    command: process.execPath,
    args: [electronVite, 'preview', '--skipBuild', '--logLevel', 'warn'],
  }),
  progress: (line) => console.log(`Corelab: ${line}`),
  stderr: (chunk) => process.stderr.write(chunk),
});

if (decision.mode === 'electron') {
  exitWith(decision.child, decision.exitCode);
} else {
  console.log(`Corelab: ${decision.reason}; starting browser mode instead.`);
  build(['scripts/build-headless.mjs']);
  const server = spawn(
    process.execPath,
    ['out/headless/cli.js', 'serve', ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit' },
  );
  exitWith(
    server,
    new Promise((settle) => server.on('exit', (code, signal) => settle(code ?? (signal ? 1 : 0)))),
  );
}
