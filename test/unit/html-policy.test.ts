import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { checkJsxHtmlElement, RAW_HTML_SCHEMA, rehypeSanitizeRaw, type HtmlRemoval } from '../../src/lib/content/html-policy';

/** The site's order: remark-rehype with raw HTML kept, the sanitiser first, rehype-raw last. */
function render(markdown: string): { html: string; removals: HtmlRemoval[] } {
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSanitizeRaw)
    .use(rehypeRaw)
    .use(rehypeStringify, { allowDangerousHtml: true })
    .processSync(markdown);
  return { html: String(file), removals: file.data.kbHtmlRemovals as HtmlRemoval[] };
}

/** The same pipeline without the sanitiser: what Astro rendered before. */
function renderUnsanitised(markdown: string): string {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true });
  return String(processor.use(rehypeRaw).use(rehypeStringify, { allowDangerousHtml: true }).processSync(markdown));
}

const FORBIDDEN_TAGS = /^(script|style|iframe|frame|object|embed|svg|math|base|meta|link|form|input|button|noscript|template|textarea)$/;

/** Parses the output as a browser would and checks every element, not just the text of the HTML. */
function expectSafe(html: string): void {
  expect(html).not.toMatch(/<script/i);
  const tree = raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
  visit(tree, 'element', (node: Element) => {
    expect(node.tagName).not.toMatch(FORBIDDEN_TAGS);
    for (const [key, value] of Object.entries(node.properties)) {
      expect(key).not.toMatch(/^on/i);
      expect(key).not.toMatch(/^(style|srcDoc)$/);
      expect(String(value)).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
  });
}

type Expected = [HtmlRemoval['severity'], string, number, number?];

function expectRemovals(removals: HtmlRemoval[], expected: Expected[]): void {
  for (const [severity, what, line, column] of expected) {
    expect(removals).toContainEqual(expect.objectContaining({ severity, what, line, ...(column ? { column } : {}) }));
  }
}

const SCRIPT = '`<script>` element';
const url = (scheme: string, attribute: string, tag: string) => `\`${scheme}:\` URL in \`${attribute}\` of \`<${tag}>\``;
const attr = (attribute: string, tag: string) => `\`${attribute}\` attribute on \`<${tag}>\``;
const element = (tag: string) => `\`<${tag}>\` element`;

// [name, Markdown, expected removals, text that must not survive]
const hostile: [string, string, Expected[], string?][] = [
  ['script block', '# T\n\n<script>alert(1)</script>', [['error', SCRIPT, 3, 1]], 'alert(1)'],
  ['upper-case script with attributes', '<SCRIPT type="text/javascript" defer>alert(1)</SCRIPT>', [['error', SCRIPT, 1]], 'alert'],
  ['script split across lines', 'Text\n\n<script\n  src="https://evil.example/x.js">\n</script>', [['error', SCRIPT, 3]]],
  ['inline script', 'Hello <script>alert(1)</script> world', [['error', SCRIPT, 1, 7]], 'alert'],
  ['script in a table cell', '| a | b |\n| - | - |\n| <script>alert(1)</script> | x |', [['error', SCRIPT, 3, 3]], 'alert'],
  ['script in details', '<details>\n<summary>S</summary>\n<script>alert(1)</script>\n</details>', [['error', SCRIPT, 3, 1]], 'alert'],
  ['style element', 'x\n\n<style>body { display: none }</style>', [['warning', element('style'), 3]], 'display'],
  ['img onerror', '<img src=x onerror=alert(1)>', [['error', attr('onerror', 'img'), 1]]],
  ['a onclick', 'See <a href="#top" onclick="alert(1)">x</a>', [['error', attr('onclick', 'a'), 1, 5]]],
  ['div onmouseover', '<div onmouseover="alert(1)">x</div>', [['error', attr('onmouseover', 'div'), 1]]],
  [
    'svg onload',
    '<svg onload=alert(1)>',
    [
      ['warning', element('svg'), 1],
      ['error', attr('onload', 'svg'), 1],
    ],
  ],
  [
    'body onload',
    'x\n\n<body onload=alert(1)>',
    [
      ['warning', element('body'), 3],
      ['error', attr('onload', 'body'), 3],
    ],
  ],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>', [['error', attr('ontoggle', 'details'), 1]]],
  [
    'video onerror',
    '<video src=x onerror=alert(1)></video>',
    [
      ['warning', element('video'), 1],
      ['error', attr('onerror', 'video'), 1],
    ],
  ],
  [
    'input autofocus onfocus',
    '<input autofocus onfocus=alert(1)>',
    [
      ['warning', element('input'), 1],
      ['error', attr('onfocus', 'input'), 1],
    ],
  ],
  ['raw a href', 'Click <a href="javascript:alert(1)">here</a>', [['error', url('javascript', 'href', 'a'), 1, 7]]],
  ['raw img src', '<img src="javascript:alert(1)">', [['error', url('javascript', 'src', 'img'), 1]]],
  ['img srcset', '<img srcset="x.png 1x, javascript:alert(1) 2x">', [['error', url('javascript', 'srcset', 'img'), 1]]],
  [
    'iframe src',
    '<iframe src="javascript:alert(1)"></iframe>',
    [
      ['error', element('iframe'), 1],
      ['error', url('javascript', 'src', 'iframe'), 1],
    ],
  ],
  [
    'form action and button formaction',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    [
      ['warning', element('form'), 1],
      ['error', url('javascript', 'action', 'form'), 1],
      ['error', url('javascript', 'formaction', 'button'), 1, 36],
    ],
  ],
  [
    'svg a xlink:href',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    [['error', url('javascript', 'xlink:href', 'a'), 1]],
  ],
  ['Markdown link', 'A [x](javascript:alert(1))', [['error', url('javascript', 'href', 'a'), 1, 3]]],
  ['Markdown image', '![x](javascript:alert(1))', [['error', url('javascript', 'src', 'img'), 1, 1]]],
  ['autolink', 'Go <javascript:alert(1)>', [['error', url('javascript', 'href', 'a'), 1, 4]]],
  ['reference definition', '[x]\n\n[x]: javascript:alert(1)', [['error', url('javascript', 'href', 'a'), 1, 1]]],
  ['mixed-case Markdown link', '[x](JaVaScRiPt:alert(1))', [['error', url('javascript', 'href', 'a'), 1]]],
  ['entity-encoded Markdown link', '[x](&#106;avascript&#58;alert(1))', [['error', url('javascript', 'href', 'a'), 1]]],
  ['entity-encoded raw href', '<a href="&#x6A;avascript&colon;alert(1)">x</a>', [['error', url('javascript', 'href', 'a'), 1]]],
  ['tab in scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>', [['error', url('javascript', 'href', 'a'), 1]]],
  ['newline in scheme', '<a href="java\nscript:alert(1)">x</a>', [['error', url('javascript', 'href', 'a'), 1]]],
  ['NUL in scheme', '<a href="java&#0;script:alert(1)">x</a>', [['error', url('javascript', 'href', 'a'), 1]]],
  ['leading spaces and controls', '<a href="  &#1;&#x7f;JAVASCRIPT:alert(1)">x</a>', [['error', url('javascript', 'href', 'a'), 1]]],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>', [['error', url('vbscript', 'href', 'a'), 1]]],
  ['data: HTML in raw href', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', [['error', url('data', 'href', 'a'), 1]]],
  ['data: HTML in Markdown link', '[x](data:text/html;base64,PHNjcmlwdD4=)', [['error', url('data', 'href', 'a'), 1]]],
  [
    'svg script',
    '<svg><script>alert(1)</script></svg>',
    [
      ['warning', element('svg'), 1],
      ['error', SCRIPT, 1, 6],
    ],
    'alert',
  ],
  ['MathML mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', [['warning', element('math'), 1]], 'onerror'],
  [
    'base href',
    '<base href="javascript:alert(1)//">',
    [
      ['warning', element('base'), 1],
      ['error', url('javascript', 'href', 'base'), 1],
    ],
  ],
  [
    'meta refresh',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    [
      ['warning', element('meta'), 1],
      ['error', url('javascript', 'content', 'meta'), 1],
    ],
  ],
  [
    'object data',
    '<object data="javascript:alert(1)"></object>',
    [
      ['error', element('object'), 1],
      ['error', url('javascript', 'data', 'object'), 1],
    ],
  ],
  [
    'embed src',
    '<embed src="data:text/html,alert(1)">',
    [
      ['error', element('embed'), 1],
      ['error', url('data', 'src', 'embed'), 1],
    ],
  ],
  [
    'iframe srcdoc',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    [
      ['error', element('iframe'), 1],
      ['error', attr('srcdoc', 'iframe'), 1],
    ],
  ],
  [
    'noscript differential',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    [['warning', element('noscript'), 1]],
  ],
  ['comment trick', 'x\n\n<!--><script>alert(1)</script>-->', [['error', SCRIPT, 3, 6]], 'alert'],
  [
    'template content',
    '<template><img src=x onerror=alert(1)></template>',
    [
      ['warning', element('template'), 1],
      ['error', attr('onerror', 'img'), 1],
    ],
  ],
  ['style attribute', '<a href="https://ok.example" style="position:fixed">x</a>', [['warning', attr('style', 'a'), 1]]],
  ['unknown element', '<marquee>x</marquee>', [['warning', element('marquee'), 1]]],
];

describe('rehypeSanitizeRaw: hostile input', () => {
  it.each(hostile)('%s', (_name, markdown, expected, gone) => {
    const { html, removals } = render(markdown);
    expectSafe(html);
    if (gone) expect(html).not.toContain(gone);
    expectRemovals(removals, expected);
  });

  it('keeps what is allowed on an element it cleans', () => {
    expect(render('<img src=x onerror=alert(1)>').html).toBe('<img src="x">');
    expect(render('<a href="https://ok.example" style="color:red">x</a>').html).toBe('<p><a href="https://ok.example">x</a></p>');
    expect(render('<marquee>kept text</marquee>').html).toContain('kept text');
  });

  it('orders removals by position and reports script URLs as errors, other schemes as warnings', () => {
    const { removals } = render('[a](ftp://x.example/f)\n\n<script></script>\n\n<a href="javascript:x">b</a>');
    expect(removals).toEqual([
      { severity: 'warning', what: url('ftp', 'href', 'a'), line: 1, column: 1 },
      { severity: 'error', what: SCRIPT, line: 3, column: 1 },
      { severity: 'error', what: url('javascript', 'href', 'a'), line: 5, column: 1 },
    ]);
  });
});

describe('rehypeSanitizeRaw: allowed input', () => {
  it.each([
    ['<details><summary>More</summary>text</details>', '<details><summary>More</summary>text</details>'],
    ['Press <kbd>Ctrl</kbd>+<kbd>C</kbd>', '<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd></p>'],
    ['x<sup>1</sup> H<sub>2</sub>O', '<p>x<sup>1</sup> H<sub>2</sub>O</p>'],
    ['<h2 id="custom">Custom</h2>', '<h2 id="custom">Custom</h2>'],
    ['<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>', null],
    ['<a href="https://example.com" title="t">x</a>', '<p><a href="https://example.com" title="t">x</a></p>'],
    ['<img src="https://x.example/y.png" alt="a" title="t" width="10" height="20">', null],
    ['<dl><dt>a</dt><dd>b</dd></dl>\n\n<abbr title="x">y</abbr> <mark>m</mark><br><b>b</b><i>i</i>', null],
    ['<div><span>a</span><p>b</p><blockquote>c</blockquote><pre><code>d</code></pre></div>\n\n<hr>\n\n<ul><li>e</li></ul>', null],
  ])('%s', (markdown, expected) => {
    const { html, removals } = render(markdown);
    expect(removals).toEqual([]);
    expect(html).toBe(expected ?? renderUnsanitised(markdown));
  });

  const markdownMade = [
    '# Title',
    '',
    '## Step `one` *here*',
    '',
    '```sh title="x.sh"',
    'kubectl get pods',
    '```',
    '',
    '- [x] done',
    '- [ ] todo',
    '',
    '| a | b |',
    '| :- | -: |',
    '| 1 | **2** |',
    '',
    'Footnote[^note] and ~~gone~~ and https://example.com.',
    '',
    '[^note]: The note.',
    '',
    '![img](./i.png "t") [ok](https://example.com) [rel](../x.md#a) [mail](mailto:ops@example.com) [frag](#x) [q](?a=1)',
    '',
  ].join('\n');

  it('leaves a page without raw HTML byte-identical', () => {
    const { html, removals } = render(markdownMade);
    expect(removals).toEqual([]);
    expect(html).toBe(renderUnsanitised(markdownMade));
    expect(html).toContain('href="mailto:ops@example.com"');
  });

  it('leaves Markdown-made elements byte-identical when the page has raw HTML', () => {
    const page = `${markdownMade}\nPress <kbd>q</kbd>.\n\n**bold <div>x</div> more**\n`;
    const { html, removals } = render(page);
    expect(removals).toEqual([]);
    expect(html).toBe(renderUnsanitised(page));
    expect(html).toContain('id="user-content-fn-note"');
  });

  it('keeps node data, such as the code meta highlighters read', () => {
    const metas: unknown[] = [];
    const spy = () => (tree: Root) =>
      visit(tree, 'element', (node: Element) => void (node.tagName === 'code' && metas.push(node.data?.meta)));
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSanitizeRaw).use(spy);
    processor.runSync(processor.parse('<kbd>x</kbd>\n\n```sh title="a"\nls\n```\n'));
    expect(metas).toEqual(['title="a"']);
  });
});

describe('checkJsxHtmlElement', () => {
  it('applies the same allow-list to JSX attributes', () => {
    expect(
      checkJsxHtmlElement('img', [
        { name: 'src', value: 'x.png' },
        { name: 'onError', value: 'alert(1)' },
      ]),
    ).toEqual([{ severity: 'error', what: attr('onerror', 'img') }]);
    expect(checkJsxHtmlElement('a', [{ name: 'href', value: '&#106;avascript:alert(1)' }])).toEqual([
      { severity: 'error', what: url('javascript', 'href', 'a') },
    ]);
    expect(checkJsxHtmlElement('script', [])).toEqual([{ severity: 'error', what: SCRIPT }]);
    expect(
      checkJsxHtmlElement('div', [
        { name: 'className', value: 'x' },
        { name: 'style', value: 'a' },
      ]),
    ).toEqual([
      { severity: 'warning', what: attr('class', 'div') },
      { severity: 'warning', what: attr('style', 'div') },
    ]);
    expect(checkJsxHtmlElement('svg', [{ name: 'xlink:href', value: 'javascript:x' }])).toEqual([
      { severity: 'warning', what: element('svg') },
      { severity: 'error', what: url('javascript', 'xlink:href', 'svg') },
    ]);
  });

  it('allows the GitHub-like elements unchanged', () => {
    expect(checkJsxHtmlElement('details', [{ name: 'open', value: true }])).toEqual([]);
    expect(checkJsxHtmlElement('h2', [{ name: 'id', value: 'custom' }])).toEqual([]);
    expect(
      checkJsxHtmlElement(
        'img',
        ['src', 'alt', 'title', 'width', 'height'].map((name) => ({ name, value: '1' })),
      ),
    ).toEqual([]);
    expect(checkJsxHtmlElement('a', [{ name: 'href', value: 'https://example.com' }])).toEqual([]);
  });
});

describe('RAW_HTML_SCHEMA', () => {
  it('is GitHub-like without id clobbering', () => {
    expect(RAW_HTML_SCHEMA.tagNames).toEqual(expect.arrayContaining(['details', 'summary', 'kbd', 'sup', 'sub', 'table', 'mark', 'abbr']));
    expect(RAW_HTML_SCHEMA.tagNames).not.toEqual(expect.arrayContaining(['script']));
    expect(RAW_HTML_SCHEMA.tagNames).not.toContain('input');
    expect(RAW_HTML_SCHEMA.clobber).toEqual([]);
  });
});
