import { defineConfig } from 'vitest/config';

// Browser tests: the built app (dist/) in Debian's Chromium with WebGPU on SwiftShader. Slow by nature, so
// few tests, run one file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
