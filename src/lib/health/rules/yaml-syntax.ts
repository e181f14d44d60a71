import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** YAML that does not parse (including duplicate keys and unknown `!!tags`): the page has no metadata to build with. */
export default fileRule({
  id: 'yaml-syntax',
  severity: 'error',
  summary: 'Frontmatter that is not valid YAML (syntax errors, duplicate keys, `!!tags`)',
  section: 'content',
  hackDay: { priority: 1, action: 'Fix frontmatter of' },
  refuses: true,
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': '---\ntitle: Disk: full\nowner: sre\nlast-reviewed: 2026-11-01\n---\n\nText\n' } },
  },
  check({ frontmatter }) {
    const problem = frontmatter?.yaml;
    if (problem?.kind !== 'syntax') return [];
    return [
      {
        line: problem.line,
        column: problem.column,
        message: `Cannot parse the frontmatter: ${problem.message}`,
        hint: 'Frontmatter is YAML between two `---` lines; quote values that contain `: `, `#` or start with `[`, `{`, `*`, `&` or `!`',
      },
    ];
  },
});
