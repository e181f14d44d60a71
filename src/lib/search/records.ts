import type { HealthReport } from '../health/engine.js';
import { searchFields } from './fields.js';

/**
 * Search records straight from the Markdown, for the dev server: the same fields and weights as
 * the built site (symptoms and alerts first), the body as plain text. `bodyOf` reads a page's body.
 */
export function searchRecords(report: HealthReport, bodyOf: (file: string) => string) {
  const published = new Map(report.pages.filter((page) => page.published).map((page) => [page.contentPath, page]));
  return [...published.values()].map((page) => {
    const { meta, filters } = searchFields(page, page.supersededBy ? published.get(page.supersededBy) : undefined);
    const body = bodyOf(page.file)
      .replace(/^(import|export)\s.*$/gm, '')
      .replace(/[#>*_`|[\]()]/g, ' ');
    return {
      // Relative to the site root like the built index; the search UI adds the base path.
      url: page.url,
      content: [page.title, ...page.symptoms, ...page.alerts, page.description ?? '', body].join('\n'),
      meta,
      filters,
    };
  });
}
