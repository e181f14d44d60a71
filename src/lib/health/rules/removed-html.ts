import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';
import { htmlRemovalHits } from './support/hits.js';

/** Markup outside the HTML allow-list renders differently than written: say so before a reader notices. */
export default fileRule({
  id: 'removed-html',
  severity: 'warning',
  summary: 'Raw HTML outside the allow-list (`<style>`, `style=`, `<form>`, unknown tags) that the site removes',
  section: 'content',
  hackDay: { priority: 3, action: 'Clean up HTML in' },
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', '<sup>1</sup> and <kbd>Esc</kbd>\n') } },
    notOk: { files: { 'guides/a.md': guide('A', '<span style="color: red">Careful</span>\n') } },
  },
  check: ({ structure }) =>
    htmlRemovalHits(
      structure,
      'warning',
      'Use Markdown, or HTML from the allow-list in the README (`details`, `summary`, `kbd`, `sup`, tables)',
    ),
});
