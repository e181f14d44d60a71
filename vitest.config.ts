import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests build real sites with Astro and Pagefind.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: { KB_TODAY: '2026-11-28', ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
