import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import type { AstroUserConfig } from 'astro';
import { SHIKI_CONFIG } from '../lib/content/highlight.js';
import { codeRoot } from '../lib/shared/code-root.js';
import type { KbConfig } from '../lib/shared/config.js';
import runbookKb from './runbook-kb.js';

// From the installed packages, not this file's place: `astro.config.mjs` loads this code as a
// bundle under node_modules/.cache/ (scripts/lib/bundle.mjs `loadSiteConfig`).
const PROJECT_ROOT = `${codeRoot()}/`;

/**
 * The whole Astro configuration of a knowledge base, from its `kb.config.ts` settings:
 * `astro.config.mjs` uses it for this project, the integration tests for fixture sites.
 */
export function siteConfig(kb: KbConfig): AstroUserConfig {
  const knowledgeBase = runbookKb(kb);
  return {
    site: kb.site,
    base: kb.base,
    trailingSlash: 'always',
    // The site's code is shared; only the content (and kb.config) differs between knowledge bases.
    srcDir: `${PROJECT_ROOT}src`,
    publicDir: `${PROJECT_ROOT}public`,
    // Generated HTML stays readable for the print view and for people reading the source.
    compressHTML: false,
    // Pages are written four at a time: one at a time, the build waits on the disk for about a
    // third of the step (`npm run bench:build`; the pages written are the same bytes either way).
    build: { concurrency: 4 },
    integrations: [
      // First, so the health check runs before content is loaded and links are rewritten for MDX too.
      knowledgeBase.main,
      mdx(),
      // Alert redirects and the search page are not content; they stay out of the sitemap.
      ...(kb.site ? [sitemap({ filter: (page: string) => !/\/(alerts\/[^/]+|search)\/$/.test(page) })] : []),
      // Last: fails the build for pages the content policy left out, once everything else is written.
      knowledgeBase.gate,
    ],
    // Highlighting: see SHIKI_CONFIG; the site's remark and rehype plugins are added by the integration.
    markdown: { shikiConfig: SHIKI_CONFIG },
    // Nothing is fetched from elsewhere at run time: the site must work on an air-gapped network.
    prefetch: false,
    devToolbar: { enabled: false },
  };
}
