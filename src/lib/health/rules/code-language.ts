import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { isKnownLanguage, likelyLanguages, MAX_HIGHLIGHTED_CHARS } from '../../content/remark/code-language.js';
import { fileRule, type RuleHit } from '../rule.js';
import { guide } from './support/examples.js';

/**
 * The build highlights a code block only in a language Shiki ships, as written
 * (`src/lib/content/remark/code-language.ts`); any other block is plain text. A name close to a
 * language is most likely a slip that cost the block its colours; a name far from all of them
 * (`promql`, `output`) is a label, and is left alone.
 */
export default fileRule({
  id: 'code-language',
  severity: 'warning',
  summary:
    'A code block names a language close to one the highlighter knows (`Bash`, `pyhton`), or is over 32 KiB: the block is shown without colours',
  section: 'content',
  hackDay: { priority: 3, action: 'Fix the code block language in' },
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', '```sh\ndf -h\n```\n\n```promql\nup == 0\n```\n') } },
    notOk: { files: { 'guides/a.md': guide('A', '```Bash\ndf -h\n```\n\n```pyhton\nprint(1)\n```\n') } },
  },
  check({ page }) {
    if (!page) return [];
    const hits: RuleHit[] = [];
    visit(page.tree, 'code', (node: Code) => {
      if (!node.lang) return;
      if (isKnownLanguage(node.lang)) {
        if (node.value.length > MAX_HIGHLIGHTED_CHARS)
          hits.push({
            line: node.position?.start.line ?? 1,
            column: node.position?.start.column,
            message: `Unexpected code block of ${node.value.length.toLocaleString('en')} characters, the block is shown without colours over ${MAX_HIGHLIGHTED_CHARS.toLocaleString('en')}`,
            hint: 'Keep the steps on the page and put the whole file in the repository, linked from the page',
          });
        return;
      }
      const likely = likelyLanguages(node.lang);
      if (likely.length === 0) return;
      const named = likely.map((name) => `\`${name}\``);
      hits.push({
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column,
        message: `Unexpected code block language \`${node.lang}\`, the block is shown without colours; did you mean ${named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named.at(-1)}` : named[0]}`,
        hint: 'Language names are lower case, as the highlighter lists them (https://shiki.style/languages); write `text` for output that has no language',
      });
    });
    return hits;
  },
});
