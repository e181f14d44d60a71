// What `astro.config.mjs` needs of the project's code, as one entry point: `loadSiteConfig`
// (scripts/lib/bundle.mjs) bundles it with the site's `kb.config.ts` so Astro loads the
// configuration as plain JavaScript (see there).
export { siteConfig } from './site-config.js';
export { resolveKbConfig } from '../lib/shared/config.js';
