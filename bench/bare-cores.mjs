// The machine's own scaling, without Corelab: N plain Node processes each count the primes
// in the same fixed range by trial division, all at once, and report how long that took.
// If one process alone is faster than each of N together, the cores themselves slow down
// under load (clock, shared caches, a hypervisor), and no pool can scale past that.
// Usage: node bench/bare-cores.mjs [counts, e.g. 1,2,4,8,16] [limit]
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--child') {
  const limit = Number(process.argv[3]);
  process.once('message', () => {
    const start = performance.now();
    let count = 0;
    for (let n = 2; n < limit; n++) {
      let isPrime = n === 2 || n % 2 !== 0;
      for (let d = 3; isPrime && d * d <= n; d += 2) if (n % d === 0) isPrime = false;
      if (isPrime) count++;
    }
    process.send({ ms: performance.now() - start, count }, () => process.exit(0));
  });
  process.send('ready');
} else {
  const counts = (process.argv[2] ?? `1,2,4,8,${availableParallelism()}`).split(',').map(Number);
  const limit = Number(process.argv[3] ?? 4_000_000);
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const n of counts) {
    const children = Array.from({ length: n }, () => fork(self, ['--child', String(limit)]));
    // Start every child only once all are up, so the work overlaps and spawn does not.
    await Promise.all(children.map((c) => new Promise((r) => c.once('message', r))));
    const results = await Promise.all(
      children.map((c) => {
        const done = new Promise((r) => c.once('message', r));
        c.send('go');
        return done;
      }),
    );
    const ms = results.map((r) => r.ms);
    rows.push({
      processes: n,
      meanMs: ms.reduce((a, b) => a + b, 0) / n,
      minMs: Math.min(...ms),
      maxMs: Math.max(...ms),
    });
  }
  const base = rows[0].meanMs;
  for (const r of rows) {
    console.log(
      `${String(r.processes).padStart(3)} processes: each ${r.meanMs.toFixed(0)} ms ` +
        `(${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)}), ${(r.meanMs / base).toFixed(2)}× one alone`,
    );
  }
}
