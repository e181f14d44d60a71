// @ts-check
// A bare Astro site for scripts/bench-build.ts: Astro's defaults (Shiki highlighting included),
// no integrations. It renders the Markdown pages of a generated corpus; see src/content.config.ts.
import { defineConfig } from 'astro/config';

export default defineConfig({});
