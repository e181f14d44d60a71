import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** Tool configuration inside the content folder would let a content change reconfigure (or run code in) the linter. */
export default fileRule({
  id: 'content-config',
  severity: 'error',
  summary: 'A tool configuration file (`.remarkrc*`, `package.json`, `*.config.*`) inside the content folder; the tools ignore it',
  section: 'policy',
  hackDay: { priority: 1, action: 'Remove' },
  stage: 'entry',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A'), 'guides/.remarkrc.mjs': 'export default { plugins: [] };\n' } },
  },
  check({ entry }) {
    if (entry.kind !== 'config') return [];
    return [
      {
        line: 1,
        message: `Unexpected configuration file \`${entry.contentPath}\` in the content folder`,
        hint: 'Content cannot configure the tools: `npm run lint` and the build read only the project’s own configuration. Delete the file',
      },
    ];
  },
});
