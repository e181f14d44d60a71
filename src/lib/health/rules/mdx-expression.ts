import { mdxPolicyRule } from './support/policy-rule.js';

/** MDX policy: MDX is a page format here, not a programming language. */
export default mdxPolicyRule({
  id: 'mdx-expression',
  summary: 'An expression in an MDX page (`{…}`): it would run as code in the build; only `{/* comments */}` are allowed',
  action: 'Remove code from',
  ok: 'Text {/* a comment */} here.\n',
  notOk: 'Host: {process.env.HOSTNAME}\n',
  hint: 'Write the value as text; for a literal brace write `\\{`. MDX pages render Markdown and allow-listed components only',
});
