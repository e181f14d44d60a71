import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';
import { htmlRemovalHits } from './support/hits.js';

/** Script in a page is never an accident in a runbook: the sanitiser removes it, and the checker says where it was. */
export default fileRule({
  id: 'unsafe-html',
  severity: 'error',
  summary:
    'Raw HTML or a link that could run script in a reader’s browser (`<script>`, `<iframe>`, `on…=` handlers, `javascript:` URLs); the site removes it',
  section: 'policy',
  hackDay: { priority: 0, action: 'Remove script from' },
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', '<details><summary>Logs</summary>\n\n<kbd>Ctrl</kbd>+<kbd>C</kbd>\n\n</details>\n') } },
    notOk: { files: { 'guides/a.md': guide('A', '<img src="x.png" onerror="alert(1)">\n\n[run](javascript:alert(1))\n') } },
  },
  check: ({ structure }) =>
    htmlRemovalHits(
      structure,
      'error',
      'Pages cannot run script. Describe the command or link to the tool instead; for code, use a fenced code block',
    ),
});
