import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        testTimeout: 30_000,
        // In CI, also write a JSON report: .ci/run prints its totals as a plain closing line.
        reporters: process.env.CI ? ['default', 'json'] : ['default'],
        outputFile: { json: 'test-results.json' }
    }
});
