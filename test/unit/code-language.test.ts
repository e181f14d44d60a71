import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHIKI_CONFIG } from '../../src/lib/content/highlight';
import { isSpecialLang } from 'shiki';
import remarkCodeLanguage, {
  isKnownLanguage,
  likelyLanguages,
  MAX_HIGHLIGHTED_CHARS,
  PLAIN_LANGUAGES,
} from '../../src/lib/content/remark/code-language';

// A page whose code fences name Object.prototype members and a terminal escape, then an honest page.
const HOSTILE = ['toString', 'constructor', '__proto__', 'hasOwnProperty', '\u001b[2J\u001b[31mowned']
  .map((lang) => `\`\`\`${lang}\necho hi\n\`\`\`\n`)
  .join('\n');
const HONEST = '```sh\nkubectl -n prod get pods\n```\n\n```yaml\nkey: value\n```\n';

/** Renders the pages in turn with one processor, as Astro renders a collection: Shiki is shared. */
async function renderInTurn(withPlugin: boolean, pages: string[]): Promise<string[]> {
  const processor = await createMarkdownProcessor({ shikiConfig: SHIKI_CONFIG, remarkPlugins: withPlugin ? [remarkCodeLanguage] : [] });
  const out: string[] = [];
  for (const page of pages) out.push((await processor.render(page)).code);
  return out;
}

describe("a code fence's language, written by anyone who opens a pull request", () => {
  afterEach(() => vi.restoreAllMocks());

  it('cannot turn highlighting off for the pages rendered after it', async () => {
    const [hostile, honest] = await renderInTurn(true, [HOSTILE, HONEST]);
    expect(honest).toContain('data-language="sh"');
    expect(honest).toContain('data-language="yaml"');
    // Highlighted: tokens carry their own colours.
    expect(honest.match(/color:var\(--code-token-/g)?.length).toBeGreaterThan(4);
    // The hostile blocks are plain text, their code still there.
    expect(hostile.match(/data-language="plaintext"/g)).toHaveLength(5);
    expect(hostile.match(/echo hi/g)).toHaveLength(5);
  });

  it('did, without the guard (the attack this plugin stops, on the same Astro and Shiki)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const [, honest] = await renderInTurn(false, [HOSTILE, HONEST]);
    expect(honest).not.toContain('data-language="sh"');
  });

  it("prints nothing of the author's language name to the build log", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await renderInTurn(true, [HOSTILE]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps every language and alias Shiki ships, and the plain-text names', () => {
    for (const lang of ['sh', 'bash', 'shell', 'console', 'yaml', 'yml', 'hcl', 'json', 'text', 'txt', 'plaintext', 'ansi'])
      expect(isKnownLanguage(lang), lang).toBe(true);
    for (const lang of ['toString', '__proto__', 'constructor', 'SH', '../sh', 'sh"']) expect(isKnownLanguage(lang), lang).toBe(false);
  });

  it('shows a block over the size limit as plain text, so one page cannot grow to megabytes of spans', async () => {
    const line = 'kubectl -n prod get pods -o wide --sort-by=.status.startTime\n';
    const long = line.repeat(Math.ceil((MAX_HIGHLIGHTED_CHARS + 1) / line.length));
    const short = line.repeat(Math.floor(MAX_HIGHLIGHTED_CHARS / line.length));
    const [big, small] = await renderInTurn(true, [`\`\`\`sh\n${long}\`\`\`\n`, `\`\`\`sh\n${short}\`\`\`\n`]);
    expect(big).toContain('data-language="plaintext"');
    // The block's own colours only, no coloured span per token.
    expect(big.match(/var\(--code-/g)).toHaveLength(2);
    expect(big).not.toContain('--code-token-');
    expect(big.length).toBeLessThan(long.length * 2);
    expect(small).toContain('data-language="sh"');
    expect(small.length).toBeGreaterThan(short.length * 3);
  });

  it("names Shiki's plain-text languages as Shiki does (the checker lists them without loading the highlighter)", () => {
    for (const lang of PLAIN_LANGUAGES) expect(isSpecialLang(lang), lang).toBe(true);
    for (const lang of ['sh', 'none', 'raw', 'plaintext2', 'Text']) expect(isSpecialLang(lang), lang).toBe(false);
  });

  it('tells a slip (another case, a swapped pair, a letter too many) from a label the highlighter does not know', () => {
    const cases: Record<string, string[]> = {
      Bash: ['bash'],
      YAML: ['yaml'],
      'shell-script': ['shellscript'],
      pyhton: ['python'],
      javscript: ['javascript'],
      dockerflie: ['dockerfile'],
      yamll: ['yaml'],
      'sh\u001b': [],
      promql: [],
      logql: [],
      golang: [],
      curl: [],
      jq: [],
      aws: [],
      consul: [],
      output: [],
    };
    expect(Object.fromEntries(Object.keys(cases).map((lang) => [lang, likelyLanguages(lang)]))).toEqual(cases);
  });
});
