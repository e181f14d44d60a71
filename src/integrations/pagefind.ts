import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { COLLECTIONS } from '../lib/content/schema.js';
import { INCLUDE_CHARACTERS, indexedText, TermCounter } from '../lib/search/term-count.js';
import type { TermStats } from '../lib/search/term-stats.js';

/**
 * Set by `npm run build` (scripts/build.ts) to a file path: the build writes there which folder
 * to index, and `indexSite` runs once Astro has exited instead of in its last hook.
 */
export const INDEX_AFTER_BUILD = 'KB_INDEX_AFTER_BUILD';

/** Runs one Pagefind indexing step and turns its error list into an exception: a site without search is a failed build. */
async function step<T extends { errors: string[] }>(what: string, promise: Promise<T>): Promise<T> {
  const result = await promise;
  if (result.errors.length > 0) throw new Error(`Pagefind could not ${what}:\n${result.errors.join('\n')}`);
  return result;
}

/**
 * Only the collections' pages carry `data-pagefind-body` (layouts/Doc.astro), and Pagefind leaves
 * out every page without it once one page has it. So the other pages (alert addresses, services,
 * owners, tags, the page list, /health: a quarter of the files, the largest among them) are not
 * read at all; Pagefind's time follows the bytes it reads.
 */
const INDEXED_FOLDERS: readonly string[] = COLLECTIONS;

/** Indexes the built HTML in `siteDir` and writes the bundle to `<siteDir>/pagefind`. */
export async function indexBuiltSite(siteDir: string): Promise<{ pages: number }> {
  const { index } = await step('start', pagefind.createIndex({ includeCharacters: INCLUDE_CHARACTERS, forceLanguage: 'en' }));
  try {
    const added = await step('index the site', index!.addDirectory({ path: siteDir, glob: `{${INDEXED_FOLDERS.join(',')}}/**/*.html` }));
    await rm(`${siteDir}/pagefind`, { recursive: true, force: true });
    await step('write the index', index!.writeFiles({ outputPath: `${siteDir}/pagefind` }));
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/**
 * The search step of a build: the Pagefind index of the built site in `<siteDir>/pagefind`, and
 * `search-terms.json`, counted from the same pages while Pagefind's own process indexes them.
 * Returns the line the build prints.
 */
export async function indexSite(siteDir: string): Promise<string> {
  const started = performance.now();
  const [{ pages }, terms] = await Promise.all([indexBuiltSite(siteDir), termStatsOfSite(siteDir)]);
  await writeFile(join(siteDir, 'search-terms.json'), JSON.stringify(terms));
  return `Search: indexed ${pages} pages with Pagefind in ${Math.round(performance.now() - started)} ms`;
}

/** A page as a custom record, for the dev server's index built straight from the content folder. */
export interface DevRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Builds an index from records without HTML (used by `astro dev`) into `outputPath`. */
export async function indexRecords(records: DevRecord[], outputPath: string): Promise<void> {
  const { index } = await step('start', pagefind.createIndex({ includeCharacters: INCLUDE_CHARACTERS, forceLanguage: 'en' }));
  try {
    for (const record of records) await step(`index ${record.url}`, index!.addCustomRecord({ ...record, language: 'en' }));
    await rm(outputPath, { recursive: true, force: true });
    await step('write the index', index!.writeFiles({ outputPath }));
  } finally {
    await pagefind.close();
  }
}

/** How many of the pages Pagefind indexes hold each common word (`search-terms.json`); see `TermStats`. */
export async function termStatsOfSite(siteDir: string): Promise<TermStats> {
  const counter = new TermCounter();
  // The pages Pagefind reads (see INDEXED_FOLDERS); a site may have no guides.
  for (const folder of INDEXED_FOLDERS.map((name) => join(siteDir, name)).filter((path) => existsSync(path))) {
    for (const file of await readdir(folder, { recursive: true })) {
      if (!file.endsWith('.html')) continue;
      const text = indexedText(await readFile(join(folder, file), 'utf8'));
      if (text !== undefined) counter.add(text);
    }
  }
  return counter.stats();
}

/** The same counts for the dev server's records. */
export function termStatsOfRecords(records: DevRecord[]): TermStats {
  const counter = new TermCounter();
  for (const record of records) counter.add(record.content);
  return counter.stats();
}
