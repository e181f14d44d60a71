// @ts-check
import { URL } from 'node:url';
import { defineConfig } from 'astro/config';
import { loadSiteConfig } from './scripts/lib/bundle.mjs';

// Everything is derived from kb.config.ts; see src/integrations/site-config.ts. The site's code
// and kb.config.ts are loaded as one prebuilt module (scripts/lib/bundle.mjs).
export default defineConfig(await loadSiteConfig(new URL('./kb.config.ts', import.meta.url)));
