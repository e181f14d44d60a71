import type { Corpus } from '../content/corpus.js';
import type { HealthReport } from '../health/engine.js';
import { searchFields } from './fields.js';

/**
 * Search records straight from the Markdown, for the dev server: the same fields and weights as
 * the built site (symptoms and alerts first), the body as plain text.
 */
export function searchRecords(corpus: Corpus, report: HealthReport) {
  const bodies = new Map(corpus.pages.map((page) => [page.contentPath, page.frontmatter.body]));
  return report.pages
    .filter((page) => page.status !== 'draft' && page.valid)
    .map((page) => {
      const { meta, filters } = searchFields(page);
      const body = (bodies.get(page.contentPath) ?? '').replace(/^(import|export)\s.*$/gm, '').replace(/[#>*_`|[\]()]/g, ' ');
      return {
        // Relative to the site root like the built index; the search UI adds the base path.
        url: page.url,
        content: [page.title, ...page.symptoms, ...page.alerts, page.description ?? '', body].join('\n'),
        meta,
        filters,
      };
    });
}
