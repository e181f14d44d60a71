import { findLongBlock, MAX_BLOCK_DELIMITERS } from '../../content/limits.js';
import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

const FRONTMATTER = /^\uFEFF?---[^\n]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\r?\n|$)/;

/** A run of text without blank lines so long that parsing it could take minutes, caught before any parse. */
export default fileRule({
  id: 'block-too-long',
  severity: 'error',
  summary:
    'More than `limits.blockBytes` (16 KB by default) of text, or more than 1,000 emphasis and link markers, without a blank line; the page is not parsed or built',
  section: 'policy',
  hackDay: { priority: 1, action: 'Split' },
  refuses: true,
  stage: 'source',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', `${'A line of text.\n'.repeat(100)}\n${'More text.\n'.repeat(100)}`) } },
    notOk: { files: { 'guides/a.md': guide('A', `${'~~a'.repeat(6000)}\n`) } },
  },
  check({ source, limits }) {
    // The frontmatter is YAML, read by its own parser under its own limit (`yaml-limit`).
    const head = FRONTMATTER.exec(source)?.[0] ?? '';
    const found = findLongBlock(source.slice(head.length), limits.blockBytes);
    if (!found) return [];
    const offset = head.split('\n').length - 1;
    const block = { ...found, line: found.line + offset, endLine: found.endLine + offset };
    return [
      {
        line: block.line,
        message:
          block.size > limits.blockBytes
            ? `Unexpected ${Math.round(block.size / 1024)} KB without a blank line (lines ${block.line}–${block.endLine}), expected at most ${Math.round(limits.blockBytes / 1024)} KB`
            : `Unexpected ${block.delimiters} emphasis and link markers (\`*\`, \`_\`, \`~\`, \`[\`) without a blank line (lines ${block.line}–${block.endLine}), expected at most ${MAX_BLOCK_DELIMITERS}`,
        hint: 'Separate paragraphs, list items and code blocks with blank lines, or attach long logs as a `.txt` file next to the page and link it',
      },
    ];
  },
});
