import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';
import { policyHits } from './support/hits.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default fileRule({
  id: 'mdx-expression',
  severity: 'error',
  summary: 'An expression in an MDX page (`{…}`): it would run as code in the build; only `{/* comments */}` are allowed',
  section: 'policy',
  hackDay: { priority: 0, action: 'Remove code from' },
  refuses: true,
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.mdx': guide('A', 'Text {/* a comment */} here.\n') } },
    notOk: { files: { 'guides/a.mdx': guide('A', 'Host: {process.env.HOSTNAME}\n') } },
  },
  check: ({ policy }) =>
    policyHits(
      policy,
      'mdx-expression',
      'Write the value as text; for a literal brace write `\\{`. MDX pages render Markdown and allow-listed components only',
    ),
});
