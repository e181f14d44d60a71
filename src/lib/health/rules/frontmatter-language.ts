import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** `---js` frontmatter would be evaluated as code by gray-matter: the only language accepted is YAML. */
export default fileRule({
  id: 'frontmatter-language',
  severity: 'error',
  summary: 'Frontmatter in a language other than YAML (`---js`, `---coffee`, …); it is never evaluated, and the page is not built',
  section: 'policy',
  hackDay: { priority: 1, action: 'Rewrite frontmatter of' },
  refuses: true,
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': '---js\n{ title: require("os").hostname() }\n---\n\nText\n' } },
  },
  check({ frontmatter }) {
    if (frontmatter?.form?.kind !== 'language') return [];
    return [
      {
        line: 1,
        message: `Unexpected frontmatter language \`${frontmatter.form.language}\`, expected YAML between \`---\` lines`,
        hint: 'Frontmatter is data, not code: start the file with a bare `---` line and write `key: value` lines',
      },
    ];
  },
});
