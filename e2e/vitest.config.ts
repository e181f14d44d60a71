import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // One browser, one build at a time: the machine has two cores.
    fileParallelism: false,
    env: { KB_TODAY: '2026-11-28', ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
