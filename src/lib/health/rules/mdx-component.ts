import { mdxPolicyRule } from './support/policy-rule.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default mdxPolicyRule({
  id: 'mdx-component',
  summary:
    'A component not in `kb.config.ts` `components`, a prop that is an expression or a spread, or HTML that MDX would render unsanitised (event handlers, `<script>`)',
  action: 'Remove code from',
  ok: 'import Callout from \'../../src/components/Callout.astro\';\n\n<Callout type="warning" title="Careful">Note</Callout>\n',
  notOk: '<Chart data={load()} />\n',
  hint: 'Use an allow-listed component with text props (`title="…"`, `open`, `{3}`); other components must be reviewed and added to `kb.config.ts` `components`',
});
