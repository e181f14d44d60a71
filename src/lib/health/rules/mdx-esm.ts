import { mdxPolicyRule } from './support/policy-rule.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default mdxPolicyRule({
  id: 'mdx-esm',
  summary: 'An `export`, or an `import` other than an allow-listed component from its own file, in an MDX page',
  action: 'Remove code from',
  ok: "import Callout from '../../src/components/Callout.astro';\n\n<Callout>Note</Callout>\n",
  notOk: "export const owner = 'x';\n\nText\n",
  hint: 'MDX pages may only `import` the components allowed in `kb.config.ts` `components`, from their files; move shared code into a component and ask for it to be allowed',
});
