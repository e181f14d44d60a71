import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';
import { policyHits } from './support/hits.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default fileRule({
  id: 'mdx-esm',
  severity: 'error',
  summary: 'An `export`, or an `import` other than an allow-listed component from its own file, in an MDX page',
  section: 'policy',
  hackDay: { priority: 0, action: 'Remove code from' },
  refuses: true,
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.mdx': guide('A', "import Callout from '../../src/components/Callout.astro';\n\n<Callout>Note</Callout>\n") } },
    notOk: { files: { 'guides/a.mdx': guide('A', "export const owner = 'x';\n\nText\n") } },
  },
  check: ({ policy }) =>
    policyHits(
      policy,
      'mdx-esm',
      'MDX pages may only `import` the components allowed in `kb.config.ts` `components`, from their files; move shared code into a component and ask for it to be allowed',
    ),
});
