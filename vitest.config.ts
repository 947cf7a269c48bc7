import { defineConfig } from 'vitest/config';

/**
 * Files that assert on wall time, CPU time or core load ("cancel within a second", "p99
 * within 3 ms", "not running"), or that start many processes at once: they run one file at a
 * time, so that another test file's workers do not take the cores they measure.
 */
const TIMED = [
  'test/unit/bench/**',
  'test/unit/headless/{burst,cli,cli-import-files,cli-live,cli-python,cli-snapshots,cli-store-failures,fit-command,messages-cancel,messages-command,pipeline-command,pipeline-python-command,serve-limits,serve-snapshot-loop}.test.ts',
  'test/unit/main/engine/**',
  'test/unit/main/pipeline-utility-process.test.ts',
  'test/unit/node/**',
  'test/unit/python/**',
  'test/unit/renderer/renderer-models/run-renderer-model.test.ts',
  'test/unit/scripts/electron-launch.test.ts',
  'test/unit/shared/live/live-run.test.ts',
  'test/unit/shared/pipeline/{atomics-queue,pipeline-run}.test.ts',
  'test/unit/shared/pool/run-pool.test.ts',
  'test/unit/workers/**',
];

export default defineConfig({
  test: {
    // CORELAB_SKIP_BUILD=1 reuses the bundles already in out/ (quicker while iterating).
    globalSetup: process.env.CORELAB_SKIP_BUILD ? [] : ['test/global-setup.ts'],
    // The JSON copy lets .ci/run print one closing count for unit and e2e tests together.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // Three phases, one after another (groupOrder): the rest in parallel, then the timed
    // files one at a time, then the lessons (test/lessons) alone, on a machine this suite
    // leaves quiet: they wait for free cores and fail, rather than skip, when none come.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: TIMED,
          environment: 'node',
          // One module graph per worker, not per file: importing it again for each of ~95
          // files took 160 s of a 2-core machine, against 65 s shared (both under load).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timed',
          include: TIMED.map((glob) => (glob.endsWith('**') ? `${glob}/*.test.ts` : glob)),
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'lessons',
          include: ['test/lessons/**/*.test.ts'],
          environment: 'node',
          // Room for awaitFreeCores' minute of waiting before the measurement itself.
          testTimeout: 180_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
