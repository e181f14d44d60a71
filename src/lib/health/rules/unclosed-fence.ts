import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { fileRule, type RuleHit } from '../rule.js';
import { guide } from './support/examples.js';

/** A code fence that is never closed swallows the rest of its section: headings and links after it vanish. */
export default fileRule({
  id: 'unclosed-fence',
  severity: 'warning',
  summary: 'A code block opened with ``` or ~~~ and never closed: everything after it renders as code',
  section: 'content',
  hackDay: { priority: 2, action: 'Close the code block in' },
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', '```sh\ndf -h\n```\n\n## Next\n') } },
    notOk: { files: { 'guides/a.md': guide('A', '```sh\ndf -h\n\n## Next\n') } },
  },
  check({ page }) {
    if (!page) return [];
    const source = String(page.file.value);
    const hits: RuleHit[] = [];
    visit(page.tree, 'code', (node: Code) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const text = source.slice(start, end);
      const open = /^(`{3,}|~{3,})/.exec(text)?.[1];
      if (!open) return;
      // Inside a blockquote or list item the closing line carries the container's `>` and indentation.
      const last = text
        .slice(text.lastIndexOf('\n') + 1)
        .replace(/^[\s>]*/, '')
        .trim();
      const closed = text.includes('\n') && last.startsWith(open[0].repeat(open.length)) && /^[`~]+$/.test(last);
      if (!closed) {
        hits.push({
          line: node.position?.start.line ?? 1,
          message: `Missing the closing \`${open}\` of this code block`,
          hint: `End the block with a line holding \`${open}\`; until then everything after it is shown as code`,
        });
      }
    });
    return hits;
  },
});
