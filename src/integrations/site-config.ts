import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import type { AstroUserConfig } from 'astro';
import type { KbConfig } from '../lib/shared/config.js';
import runbookKb from './runbook-kb.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
    integrations: [
      // First, so the health check runs before content is loaded and links are rewritten for MDX too.
      knowledgeBase.main,
      mdx(),
      // Alert redirects and the search page are not content; they stay out of the sitemap.
      ...(kb.site ? [sitemap({ filter: (page: string) => !/\/(alerts\/[^/]+|search)\/$/.test(page) })] : []),
      // Last: fails the build for pages the content policy left out, once everything else is written.
      knowledgeBase.gate,
    ],
    markdown: {
      // Code is highlighted at build time with Astro's own Shiki, once for both colour schemes:
      // every token carries its light and its dark colour as CSS variables, and the stylesheet
      // picks one with the OS setting (src/styles/global.css). GitHub's "default" themes keep
      // every token colour, comments included, at 4.5:1 or more against their background.
      // The copy buttons are added in the browser (src/browser/code-copy.ts), so the page's
      // HTML and the search index hold only the code. `wrap: null`: scrolling is the stylesheet's,
      // so a block's `style` holds only the colour variables.
      shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' }, defaultColor: false, wrap: null },
    },
    // Nothing is fetched from elsewhere at run time: the site must work on an air-gapped network.
    prefetch: false,
    devToolbar: { enabled: false },
  };
}
