import { FRONTMATTER_KEYS } from '../../content/schema.js';
import { didYouMean } from '../../shared/did-you-mean.js';
import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** A key the schema does not know is usually a typo of one it does (`symptom`, `last_reviewed`). */
export default fileRule({
  id: 'unknown-key',
  severity: 'error',
  summary: 'A frontmatter key the schema does not know, with a did-you-mean (`symptom` → `symptoms`)',
  section: 'content',
  hackDay: { priority: 1, action: 'Fix frontmatter of' },
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { last_reviewed: '2026-11-01' }) } },
  },
  check({ frontmatter }) {
    if (!frontmatter) return [];
    return frontmatter.issues.flatMap((issue) =>
      issue.code !== 'unrecognized_keys'
        ? []
        : issue.keys.map((key) => ({
            line: frontmatter.keyLines.get(key) ?? 1,
            message: `Unexpected key \`${key}\`${didYouMean(key, FRONTMATTER_KEYS)}`,
            hint: `Known keys: ${FRONTMATTER_KEYS.map((k) => `\`${k}\``).join(', ')}`,
          })),
    );
  },
});
