import { mdxPolicyRule } from './support/policy-rule.js';

/** MDX policy: no value may end its own attribute (see src/lib/content/unescaped-attributes.ts). */
export default mdxPolicyRule({
  id: 'mdx-attribute',
  summary:
    'A `"` in an MDX attribute, prop, link or image title or alt text that is a web address holding `&`: Astro writes such a value unescaped, so the quote would end the attribute and the rest would become markup',
  action: 'Remove markup from',
  ok: '[Dashboard](https://grafana.example/d/x?var-a=1&var-b=2 "https://grafana.example/d/x?a=1&b=%22x%22")\n',
  notOk: '<a href=\'https://grafana.example/d/x?a=1&"onclick="alert(1)\'>Dashboard</a>\n',
  hint: 'Write the quote as `%22`; a `.md` page escapes every attribute and may keep it as written',
});
