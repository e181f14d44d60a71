import { describe, expect, it } from 'vitest';
import { headingText } from '../../src/lib/content/headings';
import { scanMarkdown } from '../../src/lib/content/markdown';

describe('scanMarkdown', () => {
  it('finds inline, image, reference, HTML and JSX (`<Link href>`) links with their file positions', () => {
    const body = [
      'See [a](./a.md) and ![img](./i.png "title").',
      '',
      '<a href="../b.md#x">b</a> and <Link href={"./c.md"} />',
      '[ref]: <./d.md> "Title"',
      '- item with [nested [brackets]](./e.md)',
    ].join('\n');
    expect(scanMarkdown(body, 10, true).links).toEqual([
      { url: './a.md', line: 10, column: 5, kind: 'link' },
      { url: './i.png', line: 10, column: 21, kind: 'image' },
      { url: '../b.md#x', line: 12, column: 1, kind: 'html' },
      { url: './c.md', line: 12, column: 31, kind: 'html' },
      { url: './d.md', line: 13, column: 1, kind: 'definition' },
      { url: './e.md', line: 14, column: 13, kind: 'link' },
    ]);
  });

  it('ignores links in fenced code and code spans', () => {
    const body = ['```md', '[no](./no.md)', '```', '~~~', '[no](./no.md)', '~~~', '`[no](./no.md)` [yes](./yes.md)'].join('\n');
    expect(scanMarkdown(body).links.map((l) => l.url)).toEqual(['./yes.md']);
  });

  it('computes heading ids the way the site renders them, including duplicates and explicit ids', () => {
    const body = [
      '# Title',
      '## If `ndots` is *5*',
      '## Step',
      '## Step',
      'Setext heading',
      '---',
      '<h3 id="custom">HTML</h3>',
      'text <span id="anchor-x"></span>',
      '## C++ & Go: `a_b`',
    ].join('\n');
    const scan = scanMarkdown(body);
    expect(scan.headings.map((h) => h.id)).toEqual(['title', 'if-ndots-is-5', 'step', 'step-1', 'setext-heading', 'custom', 'c--go-a_b']);
    expect([...scan.anchors]).toContain('anchor-x');
  });

  it('does not take a list item followed by a rule for a heading', () => {
    expect(scanMarkdown('- item\n---').headings).toEqual([]);
  });
});

describe('headingText', () => {
  it('keeps the visible text of links, code and emphasis', () => {
    expect(headingText('Use [the wrapper](./x.md) with `remote.sh` **now**')).toBe('Use the wrapper with remote.sh now');
    expect(headingText('snake_case_name stays')).toBe('snake_case_name stays');
  });
});
