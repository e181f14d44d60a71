import type { Root as HastRoot } from 'hast';
import { join } from 'node:path';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { mdxPolicyViolations } from '../../src/lib/content/policy';
import { parsePage } from '../../src/lib/content/structure';
import { breaksOutOfAttribute, rehypeRefuseAttributeBreakout } from '../../src/lib/content/unescaped-attributes';

const ROOT = '/kb';
const OPTIONS = { projectRoot: ROOT, components: { Callout: 'src/components/Callout.astro' } };
const IMPORT = "import Callout from '../../src/components/Callout.astro';\n\n";

/** The `mdx-attribute` findings of an MDX page body, as `line: message`. */
function attributeFindings(body: string): string[] {
  const path = join(ROOT, 'content/guides/a.mdx');
  const { tree } = parsePage(body, path);
  return mdxPolicyViolations(tree, path, OPTIONS)
    .filter((violation) => violation.rule === 'mdx-attribute')
    .map((violation) => `${violation.line}: ${violation.message}`);
}

describe('breaksOutOfAttribute (what Astro writes unescaped in MDX pages, with a quote in it)', () => {
  it.each([
    ['https://x.y/?a&"onclick="alert(1)', true],
    ['HTTP://X.Y/?a&"b', true],
    ['http://x.y/#a&"b', true],
    ['https://x.y/?a&b', false], // no quote: the browser decodes `&…;` once more, but nothing ends the attribute
    ['https://x.y/?a"b', false], // no `&`: Astro escapes it
    ['say "hi" & go', false], // not a web address: escaped
    ['javascript:a&"b', false], // not http(s): escaped (and refused elsewhere)
    ['mailto:a@b.c?x=1&"y', false],
  ])('%s → %s', (value, expected) => {
    expect(breaksOutOfAttribute(value)).toBe(expected);
  });
});

describe('mdx-attribute in the MDX policy', () => {
  it('finds a quote that would end a JSX attribute, as written or as `&quot;`', () => {
    expect(attributeFindings(`<a href='https://x.y/?a&"onclick="alert(1)'>x</a>\n`)).toEqual([
      expect.stringMatching(
        /^1: Unexpected `"` in `href="https:\/\/x\.y\/\?a&"onclick="alert\(1\)"` on `<a>`: in an MDX page Astro writes/,
      ),
    ]);
    expect(attributeFindings('<a href="https://x.y/?a&amp;b&quot;onclick=&quot;alert(1)">x</a>\n')).toHaveLength(1);
  });

  it('finds it in a prop of an allowed component and in a single-literal prop', () => {
    expect(attributeFindings(`${IMPORT}<Callout type="warning" title='https://x.y/?a&"onclick="1'>x</Callout>\n`)).toEqual([
      expect.stringMatching(/^3: .*`title=.*` on `<Callout>`/),
    ]);
    expect(attributeFindings(`${IMPORT}<Callout type="warning" title={"https://x.y/?a&\\"b"}>x</Callout>\n`)).toHaveLength(1);
  });

  it('finds it in Markdown link and image titles, alt texts and definitions, at their lines', () => {
    const body = [
      '[a](https://a.b/ "https://x.y/?a&\\"onclick=\\"1")',
      '',
      '![https://x.y/?a&"onerror="1](https://a.b/i.png)',
      '',
      '![ok](https://a.b/i.png "https://x.y/?b&\\"onerror=\\"1")',
      '',
      'See [c][d] and ![e][d].',
      '',
      '[d]: https://a.b/ "https://x.y/?c&\\"onclick=\\"1"',
      '',
    ].join('\n');
    expect(attributeFindings(body).map((finding) => finding.replace(/`https.*$/, ''))).toEqual([
      '1: Unexpected `"` in the title ',
      '3: Unexpected `"` in the alt text ',
      '5: Unexpected `"` in the title ',
      '9: Unexpected `"` in the title ',
    ]);
  });

  it('leaves alone what Astro escapes or what holds no quote', () => {
    const body = [
      '[a](https://grafana.example/d/x?a=1&b=2 "Dashboard &quot;api&quot;")',
      '',
      '<a href="https://grafana.example/d/x?a=1&b=2" title=\'say "hi"\'>x</a>',
      '',
      '[b](<https://x.y/?a&"c>)', // a link address: remark-rehype writes the quote as %22
      '',
    ].join('\n');
    expect(attributeFindings(body)).toEqual([]);
  });
});

describe('rehypeRefuseAttributeBreakout (the last wall in the MDX pipeline)', () => {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkRehype, { passThrough: ['mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm'] })
    .use(rehypeRefuseAttributeBreakout);
  const run = (source: string, path: string) => {
    const file = new VFile({ value: source, path });
    return processor.runSync(processor.parse(file), file) as HastRoot;
  };

  it('fails an .mdx page with file:line whatever put the value there', () => {
    let failure: { message: string; line?: number; column?: number } | undefined;
    try {
      run('x\n\n[a](https://a.b/ "https://x.y/?a&\\"onclick=\\"1")\n', '/kb/content/guides/a.mdx');
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure?.message).toMatch(
      /^Unexpected `"` in the `title` of `<a>`: in an MDX page Astro writes .*; write the quote as `%22` \[mdx-attribute\]$/,
    );
    expect([failure?.line, failure?.column]).toEqual([3, 1]);
    expect(() => run(`<a href='https://x.y/?a&"b'>x</a>\n`, '/kb/content/guides/a.mdx')).toThrow(/`href` of `<a>`/);
  });

  it('passes .md pages (hast-util-to-html escapes them) and harmless values', () => {
    expect(() => run('[a](https://a.b/ "https://x.y/?a&\\"onclick=\\"1")\n', '/kb/content/guides/a.md')).not.toThrow();
    expect(() => run('[a](https://x.y/?a=1&b=2 "https://x.y/?a=1&b=2")\n', '/kb/content/guides/a.mdx')).not.toThrow();
  });
});
