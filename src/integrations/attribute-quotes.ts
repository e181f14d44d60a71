import type { Plugin } from 'vite';

/** Astro's attribute writer, as node_modules/astro/dist/runtime/server/render/util.js has it. */
const RUNTIME_FILE = /[\\/]astro[\\/]dist[\\/]runtime[\\/]server[\\/]render[\\/]util\.js(?:\?.*)?$/;
const UNESCAPED = 'return markHTMLString(` ${key}="${toAttributeString(value, false)}"`);';
const QUOTES_ESCAPED = 'return markHTMLString(` ${key}="${String(value).replace(/"/g, "&#34;")}"`);';

/**
 * Astro's `addAttribute` writes a value that holds `&` and parses as an http(s) address without
 * any escaping (so that `&` in a link survives), `"` included. Every attribute a template or an MDX
 * page fills from content goes through it: a page title `https://x.y/?a&"onmouseover="…` became an
 * `onmouseover` attribute of the page list's row, a description one of the page's `<meta>`. This
 * plugin changes that one branch of Astro's runtime to escape `"` (as `&#34;`, which the browser
 * reads back as `"`); `&` stays as Astro writes it, so every other value renders byte for byte as
 * before. Astro's runtime is always bundled by Vite (`ssr.noExternal`), in the build and in
 * `astro dev`. If an Astro upgrade changes that line, the build stops here instead of going on
 * without the fix.
 */
export function escapeAttributeQuotes(): Plugin {
  return {
    name: 'runbook-kb:attribute-quotes',
    enforce: 'pre',
    transform(code, id) {
      if (!RUNTIME_FILE.test(id)) return undefined;
      if (code.includes(QUOTES_ESCAPED)) return undefined;
      if (!code.includes(UNESCAPED))
        throw new Error(
          `Astro's attribute writer (${id}) no longer has the line runbook-kb escapes quotes in; check whether it still writes web addresses unescaped and update src/integrations/attribute-quotes.ts`,
        );
      return { code: code.replace(UNESCAPED, QUOTES_ESCAPED), map: null };
    },
  };
}
