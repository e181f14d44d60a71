import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeAttributeQuotes } from '../../src/integrations/attribute-quotes';

// The file of Astro's runtime the plugin changes, as installed.
const astroRoot = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
const UTIL = join(astroRoot, 'dist/runtime/server/render/util.js');

function transform(code: string, id: string): string | undefined {
  const hook = escapeAttributeQuotes().transform as (code: string, id: string) => { code: string } | undefined;
  return hook(code, id)?.code;
}

describe("escapeAttributeQuotes (Astro's attribute writer escapes quotes in web addresses)", () => {
  it("changes the installed Astro's unescaped branch, and only that line", () => {
    const original = readFileSync(UTIL, 'utf8');
    const changed = transform(original, UTIL);
    expect(changed).toBeDefined();
    const differing = original.split('\n').filter((line, index) => changed!.split('\n')[index] !== line);
    expect(differing.map((line) => line.trim())).toEqual(['return markHTMLString(` ${key}="${toAttributeString(value, false)}"`);']);
  });

  it('writes a quote in a web address holding `&` as &#34; and keeps the `&` as Astro writes it', async () => {
    const changed = transform(readFileSync(UTIL, 'utf8'), UTIL)!;
    // The transformed module, as a data: URL whose imports point where the original's resolve.
    const requireFromAstro = createRequire(UTIL);
    const linked = changed.replace(/from "([^"]+)"/g, (_, specifier: string) =>
      specifier.startsWith('.')
        ? `from "${new URL(specifier, pathToFileURL(UTIL)).href}"`
        : `from "${pathToFileURL(requireFromAstro.resolve(specifier)).href}"`,
    );
    const url = `data:text/javascript;base64,${Buffer.from(linked).toString('base64')}`;
    const { addAttribute } = (await import(/* @vite-ignore */ url)) as { addAttribute: (value: unknown, key: string) => unknown };
    expect(String(addAttribute('https://x.y/?a&"onclick="alert(1)', 'title'))).toBe(' title="https://x.y/?a&&#34;onclick=&#34;alert(1)"');
    expect(String(addAttribute('https://x.y/?a=1&b=2', 'href'))).toBe(' href="https://x.y/?a=1&b=2"');
    expect(String(addAttribute('say "hi" & go', 'title'))).toBe(' title="say &#34;hi&#34; &#38; go"');
  });

  it('leaves other files alone and stops the build when the line is gone', () => {
    expect(transform('export const x = 1;', '/project/src/pages/index.astro')).toBeUndefined();
    expect(() => transform('export function addAttribute() {}', UTIL)).toThrow(/no longer has the line runbook-kb escapes quotes in/);
  });
});
