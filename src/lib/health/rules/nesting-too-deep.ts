import { findDeepNesting } from '../../content/limits.js';
import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** Container nesting that would make the Markdown parser take minutes, caught by a pre-scan before any parse. */
export default fileRule({
  id: 'nesting-too-deep',
  severity: 'error',
  summary: 'Lists or blockquotes nested deeper than `limits.nestingDepth` (32 by default); the page is not parsed or built',
  section: 'policy',
  hackDay: { priority: 1, action: 'Flatten' },
  refuses: true,
  stage: 'source',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', '- one\n  - two\n    - three\n\n> quote\n> > inner\n') } },
    notOk: { files: { 'guides/a.md': guide('A', `${'>'.repeat(40)} deep\n`) } },
  },
  check({ source, limits }) {
    const deep = findDeepNesting(source, limits.nestingDepth);
    if (!deep) return [];
    return [
      {
        line: deep.line,
        message: `Unexpected nesting ${deep.depth} levels deep, expected at most ${limits.nestingDepth} levels of lists and blockquotes`,
        hint: 'Readers cannot follow more than a few levels: flatten the list into steps or sections',
      },
    ];
  },
});
