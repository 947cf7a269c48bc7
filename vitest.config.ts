import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // CORELAB_SKIP_BUILD=1 reuses the bundles already in out/ (quicker while iterating).
    globalSetup: process.env.CORELAB_SKIP_BUILD ? [] : ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn real workers and processes on a 2-core machine; running files in
    // parallel would make timing-sensitive assertions (cancel within 1 s) flaky.
    fileParallelism: false,
    // The JSON copy lets .ci/run print one closing count for unit and e2e tests together.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
