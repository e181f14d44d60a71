import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';
import { policyHits } from './support/hits.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default fileRule({
  id: 'mdx-component',
  severity: 'error',
  summary:
    'A component not in `kb.config.ts` `components`, a prop that is an expression or a spread, or HTML that MDX would render unsanitised (event handlers, `<script>`)',
  section: 'policy',
  hackDay: { priority: 0, action: 'Remove code from' },
  refuses: true,
  stage: 'body',
  examples: {
    ok: {
      files: {
        'guides/a.mdx': guide(
          'A',
          'import Callout from \'../../src/components/Callout.astro\';\n\n<Callout type="warning" title="Careful">Note</Callout>\n',
        ),
      },
    },
    notOk: { files: { 'guides/a.mdx': guide('A', '<Chart data={load()} />\n') } },
  },
  check: ({ policy }) =>
    policyHits(
      policy,
      'mdx-component',
      'Use an allow-listed component with text props (`title="…"`, `open`, `{3}`); other components must be reviewed and added to `kb.config.ts` `components`',
    ),
});
