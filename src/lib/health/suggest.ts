import { relativeLink } from '../content/links.js';
import { Suggester } from '../shared/did-you-mean.js';
import { dirnamePosix, withBase } from '../shared/paths.js';
import type { PageFacts } from './facts.js';

/** Did-you-mean for mistyped page paths and URLs, built lazily: only a broken link pays for it. */
export function pageSuggestions(pages: PageFacts[], base: string) {
  const candidates = pages.filter((page) => page.kind === 'page');
  const paths = new Set(candidates.map((page) => page.contentPath));
  let urls: Suggester | undefined;
  let byFolder: Map<string, string[]> | undefined;
  let byName: Map<string, string[]> | undefined;
  let names: Suggester | undefined;
  const folders = new Map<string, Suggester>();
  // A mistyped link usually names a page in the folder it meant: look there first. Then look for
  // the file name anywhere (a page that moved), comparing short names rather than whole paths.
  const closestPath = (wanted: string) => {
    const folder = dirnamePosix(wanted);
    byFolder ??= groupPaths(candidates, (path) => dirnamePosix(path));
    let local = folders.get(folder);
    if (!local) {
      local = new Suggester(byFolder.get(folder) ?? []);
      folders.set(folder, local);
    }
    const near = local.closest(wanted);
    if (near !== undefined) return near;
    byName ??= groupPaths(candidates, basenamePosix);
    const name = (names ??= new Suggester(byName.keys())).closest(basenamePosix(wanted));
    return name === undefined ? undefined : byName.get(name)?.[0];
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

function basenamePosix(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Content paths grouped by a key, in page order. */
function groupPaths(pages: PageFacts[], key: (path: string) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { contentPath } of pages) {
    const group = groups.get(key(contentPath));
    if (group) group.push(contentPath);
    else groups.set(key(contentPath), [contentPath]);
  }
  return groups;
}
