// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import expressiveCode from 'astro-expressive-code';
import { kb } from './src/kb.ts';
import runbookKb from './src/integrations/runbook-kb.ts';

export default defineConfig({
  site: kb.site,
  base: kb.base,
  trailingSlash: 'always',
  // Generated HTML stays readable for the print view and for people reading the source.
  compressHTML: false,
  integrations: [
    // First, so the health check runs before content is loaded and rewrites links for MDX too.
    runbookKb(kb),
    // Copy buttons and highlighting on command blocks, following the OS light/dark setting.
    expressiveCode({
      themes: ['github-light', 'github-dark'],
      useDarkModeMediaQuery: true,
      themeCssSelector: false,
      styleOverrides: { codeFontSize: '0.9rem', borderRadius: '6px' },
    }),
    mdx(),
    // Alert redirects and the search page are not content; they stay out of the sitemap.
    ...(kb.site ? [sitemap({ filter: (page) => !/\/(alerts\/[^/]+|search)\/$/.test(page) })] : []),
  ],
  // No prefetch, fonts or images from elsewhere: the site must work on an air-gapped network.
  prefetch: false,
  devToolbar: { enabled: false },
});
