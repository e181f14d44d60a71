import type { PageFacts } from '../../facts.js';
import type { SiteHit } from '../../rule.js';

/**
 * Findings for values that several published pages share (a title, an alert, a symptom): each
 * page is told which others have it, at the line of the key.
 */
export function sharedValues(
  groups: Map<string, PageFacts[]>,
  key: string,
  describe: (value: string, others: string) => { message: string; hint: string },
): SiteHit[] {
  const hits: SiteHit[] = [];
  for (const [value, pages] of groups) {
    const distinct = [...new Set(pages)];
    if (distinct.length < 2) continue;
    for (const page of distinct) {
      // A value shared by hundreds of pages must not make every message list all of them.
      const rest = distinct.filter((other) => other !== page);
      const named = rest.slice(0, 3).map((other) => `\`${other.contentPath}\``);
      const others = rest.length > 3 ? `${named.join(', ')} and ${rest.length - 3} more` : named.join(', ');
      hits.push({ file: page.file, line: page.keyLines[key] ?? 1, ...describe(value, others) });
    }
  }
  return hits;
}

/** Groups pages by each of their values. */
export function groupBy(pages: PageFacts[], values: (page: PageFacts) => string[]): Map<string, PageFacts[]> {
  const groups = new Map<string, PageFacts[]>();
  for (const page of pages) {
    for (const value of values(page)) {
      const group = groups.get(value);
      if (group) group.push(page);
      else groups.set(value, [page]);
    }
  }
  return groups;
}
