import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

const MESSAGES = {
  toml: [
    'Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines',
    'Rewrite the block as YAML: `title: …` lines between `---` lines',
  ],
  'leading-blank': [
    'Unexpected blank line before the frontmatter, expected `---` on line 1',
    'Delete the blank lines above `---`: tools disagree on whether such a block is frontmatter',
  ],
  unclosed: ['Missing the closing `---` of the frontmatter', 'End the frontmatter with a line holding only `---`'],
} as const;

/**
 * Frontmatter the site's reader and the checker would read differently (TOML, blank lines first,
 * an unclosed block, `----` as the closing line): refused with a clear message, never guessed at.
 */
export default fileRule({
  id: 'frontmatter-format',
  severity: 'error',
  summary: 'Frontmatter not written as a YAML block between `---` lines starting on line 1 (TOML, leading blank lines, unclosed block)',
  section: 'policy',
  hackDay: { priority: 1, action: 'Fix frontmatter of' },
  refuses: true,
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': '+++\ntitle = "A"\n+++\n\nText\n' } },
  },
  check({ frontmatter }) {
    const form = frontmatter?.form;
    if (!form || form.kind === 'missing' || form.kind === 'language') return [];
    if (form.kind === 'closing-line') {
      return [
        {
          line: form.line,
          message: `Unexpected \`${form.text}\` closing the frontmatter, expected \`---\` alone on its line`,
          hint: 'The first line starting with `---` ends the frontmatter; make it exactly `---`',
        },
      ];
    }
    const [message, hint] = MESSAGES[form.kind];
    return [{ line: form.kind === 'leading-blank' ? form.line : 1, message, hint }];
  },
});
