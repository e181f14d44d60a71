import { relativeLink } from '../content/links.js';
import { Suggester } from '../shared/did-you-mean.js';
import { dirnamePosix, withBase } from '../shared/paths.js';
import type { PageFacts } from './facts.js';

/** Did-you-mean for mistyped page paths and URLs, built lazily: only a broken link pays for it. */
export function pageSuggestions(pages: PageFacts[], base: string) {
  const candidates = pages.filter((page) => page.kind === 'page');
  const paths = new Set(candidates.map((page) => page.contentPath));
  let everywhere: Suggester | undefined;
  let urls: Suggester | undefined;
  const folders = new Map<string, Suggester>();
  // A mistyped link usually names a page in the folder it meant: look there first, then everywhere.
  const closestPath = (wanted: string) => {
    const folder = dirnamePosix(wanted);
    let local = folders.get(folder);
    if (!local) {
      local = new Suggester(candidates.filter((page) => dirnamePosix(page.contentPath) === folder).map((page) => page.contentPath));
      folders.set(folder, local);
    }
    return local.closest(wanted) ?? (everywhere ??= new Suggester(paths)).closest(wanted);
  };
  return {
    /** `; did you mean …` for a broken page link written in `from`. */
    forLink(from: PageFacts, wanted: string, viaUrl: boolean): string {
      if (viaUrl) {
        const match = (urls ??= new Suggester(candidates.map((page) => page.url))).closest(wanted);
        return match === undefined ? '' : `; did you mean \`${withBase(match, base)}\``;
      }
      const swapped = wanted.endsWith('.mdx') ? wanted.slice(0, -1) : wanted.endsWith('.md') ? `${wanted}x` : undefined;
      const match = swapped !== undefined && paths.has(swapped) ? swapped : closestPath(wanted);
      return match === undefined ? '' : `; did you mean \`${relativeLink(from.contentPath, match)}\``;
    },
    /** `; did you mean …` for a content path such as `superseded-by`. */
    forPath(wanted: string): string {
      const match = closestPath(wanted);
      return match === undefined ? '' : `; did you mean \`${match}\``;
    },
  };
}
