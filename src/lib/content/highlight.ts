import { createCssVariablesTheme } from 'shiki/core';

/**
 * Code is highlighted at build time with Astro's own Shiki, in one pass for both colour schemes:
 * every token names its kind as a CSS variable (`color: var(--code-token-keyword)`), and the
 * stylesheet gives each kind its light and its dark colour (GitHub's palettes, 4.5:1 or more
 * against the block's background; src/styles/global.css), picked with the OS setting. A light
 * and a dark theme tokenise every block twice: 3% of a cold 1,000-page build's time
 * (docs/benchmarks.md). `wrap: null`: scrolling is the stylesheet's, so a block's `style`
 * holds only the colour variables. The copy buttons are added in the browser
 * (src/browser/code-copy.ts), so the page's HTML and the search index hold only the code.
 */
export const SHIKI_CONFIG = {
  theme: createCssVariablesTheme({ name: 'runbook-kb-code', variablePrefix: '--code-' }),
  wrap: null,
};
