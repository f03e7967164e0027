import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        testTimeout: 30_000,
        // vitest's default (one worker fewer than the cores) runs the suite in one worker on a
        // 2-core machine, though most tests wait on a child process (the CLI, the server, an editor)
        // and the fuzz sweeps are split in two files to run side by side: two workers at least
        // (on CI's 2 cores: 630 s instead of 855 s).
        maxWorkers: Math.max(2, availableParallelism() - 1),
        // In CI, also write a JSON report: .ci/run prints its totals as a plain closing line.
        reporters: process.env.CI ? ['default', 'json'] : ['default'],
        outputFile: { json: 'test-results.json' }
    }
});
