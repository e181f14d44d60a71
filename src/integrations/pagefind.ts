import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { COLLECTIONS } from '../lib/content/schema.js';
import { codeRoot } from '../lib/shared/code-root.js';
import { INCLUDE_CHARACTERS, indexedText, TermCounter } from '../lib/search/term-count.js';
import type { TermStats } from '../lib/search/term-stats.js';

/**
 * Set by `npm run build` (scripts/build.sh) to a file path: the build writes there which folder
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

const TERMS_FILE = 'search-terms.json';
/** What a kept index says of itself (`done.json`): how many pages it holds and the shape of the pages it was made from. */
interface KeptIndex {
  pages: number;
  shape: string;
}

/**
 * The search step of a build: the Pagefind index of the built site in `<siteDir>/pagefind`, and
 * `search-terms.json`, counted from the same pages while Pagefind's own process indexes them.
 * With `cacheDir` (Astro's, `node_modules/.astro/`), both are kept there under a hash of every
 * page Pagefind reads, this code and the lockfile, and a build whose pages are byte-identical to
 * the one that made them links them back into the site instead of indexing again (Pagefind's
 * output depends on nothing else: a warm build's `dist/` is byte-identical to a cold one's).
 *
 * Hashing every page takes a second at 5,000 pages, so it is done first only when the pages'
 * names and sizes (their shape, from `stat`) are those of a kept index; otherwise Pagefind starts
 * at once and the pages are hashed, for the index kept afterwards, in the same pass that counts
 * their words. Returns the line the build prints.
 */
export async function indexSite(siteDir: string, cacheDir?: string): Promise<string> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const cache = cacheDir === undefined ? undefined : join(cacheDir, 'runbook-kb-search');
  const pages = await indexedPages(siteDir);
  const shape = shapeOf(siteDir, pages);
  let key: string | undefined;
  if (cache !== undefined && (await keptShapes(cache)).has(shape)) {
    key = (await readPages(siteDir, pages, { hash: true })).key;
    const kept = key === undefined ? undefined : await restoreIndex(join(cache, key), siteDir).catch(() => undefined);
    if (kept !== undefined)
      return `Search: reused the last build's index of ${kept} pages in ${ms()} ms (the ${pages.length} pages it reads are byte-identical)`;
  }
  const [{ pages: indexed }, read] = await Promise.all([
    indexBuiltSite(siteDir),
    readPages(siteDir, pages, { hash: cache !== undefined && key === undefined, count: true }),
  ]);
  key ??= read.key;
  // A new file, not a write through the old one, which may be a link into the kept index.
  await rm(join(siteDir, TERMS_FILE), { force: true });
  await writeFile(join(siteDir, TERMS_FILE), JSON.stringify(read.terms));
  // A cache that cannot be written (a read-only or full disk) costs the next build its reuse, not this build.
  if (cache !== undefined && key !== undefined) await saveIndex(cache, key, siteDir, { pages: indexed, shape }).catch(() => undefined);
  return `Search: indexed ${indexed} pages with Pagefind in ${ms()} ms`;
}

/** The files under `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The pages Pagefind reads (see INDEXED_FOLDERS; a site may have no guides), from the site folder, sorted. */
async function indexedPages(siteDir: string): Promise<string[]> {
  const pages: string[] = [];
  for (const folder of INDEXED_FOLDERS.filter((name) => existsSync(join(siteDir, name))))
    for (const file of await filesUnder(join(siteDir, folder))) if (file.endsWith('.html')) pages.push(`${folder}/${file}`);
  return pages;
}

/** The names and sizes of the pages, hashed: pages of another shape cannot be byte-identical. */
function shapeOf(siteDir: string, pages: string[]): string {
  const hash = createHash('sha256').update(`${siteDir}\0`);
  for (const page of pages) hash.update(`${page}\0${statSync(join(siteDir, page)).size}\0`);
  return hash.digest('hex').slice(0, 32);
}

/** The shapes of the indexes kept in `cache` (one, unless builds of other pages ran at the same time). */
async function keptShapes(cache: string): Promise<Set<string>> {
  const names = await readdir(cache).catch(() => []);
  const shapes = await Promise.all(
    names
      .filter((name) => !name.endsWith('.partial'))
      .map((name) =>
        readFile(join(cache, name, 'done.json'), 'utf8')
          .then((done) => (JSON.parse(done) as Partial<KeptIndex>).shape)
          .catch(() => undefined),
      ),
  );
  return new Set(shapes.filter((shape) => typeof shape === 'string'));
}

/**
 * One pass over the pages Pagefind reads: with `hash`, the key of the index made from them (every
 * page's path and bytes, the code that indexes them and counts their words, the lockfile
 * (Pagefind's version) and the site folder); with `count`, how many of them hold each common word.
 */
async function readPages(
  siteDir: string,
  pages: string[],
  want: { hash?: boolean; count?: boolean },
): Promise<{ key?: string; terms: TermStats }> {
  const hash = want.hash ? createHash('sha256').update(`runbook-kb-search-2\0${siteDir}\0`) : undefined;
  if (hash) {
    const code = codeRoot();
    for (const file of [
      'src/integrations/pagefind.ts',
      'src/lib/search/term-count.ts',
      'src/lib/search/term-stats.ts',
      'package-lock.json',
    ])
      hash.update(await readFile(join(code, file)).catch(() => Buffer.from(`missing ${file}`))).update('\0');
  }
  const counter = new TermCounter();
  for (const page of pages) {
    const bytes = await readFile(join(siteDir, page));
    hash?.update(`${page}\0`).update(bytes).update('\0');
    if (!want.count) continue;
    const text = indexedText(bytes.toString('utf8'));
    if (text !== undefined) counter.add(text);
  }
  return { key: hash?.digest('hex').slice(0, 32), terms: counter.stats() };
}

/** Links `from` into `to` (a new name for the same bytes: nothing is copied), or copies it where links cannot be made. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  // A file already there may be a link into a kept index: writing through it would change that index.
  await rm(to, { force: true });
  await link(from, to).catch(() => copyFile(from, to));
}

/** Links the index and the word counts in `from` (`pagefind/`, `search-terms.json`) into `to`, in place of what is there. */
async function linkIndex(from: string, to: string): Promise<void> {
  await rm(join(to, 'pagefind'), { recursive: true, force: true });
  const files = await filesUnder(join(from, 'pagefind'));
  for (const folder of new Set(files.map((file) => dirname(join(to, 'pagefind', file))))) await mkdir(folder, { recursive: true });
  // A few links at a time: each is a system call on libuv's thread pool, and one after another they took 0.3 s at 1,000 pages.
  for (let at = 0; at < files.length; at += LINKS_AT_ONCE)
    await Promise.all(
      files.slice(at, at + LINKS_AT_ONCE).map((file) => linkOrCopy(join(from, 'pagefind', file), join(to, 'pagefind', file))),
    );
  await linkOrCopy(join(from, TERMS_FILE), join(to, TERMS_FILE));
}
const LINKS_AT_ONCE = 32;

/** Puts the index kept in `slot` into `siteDir`; the number of pages it holds, or undefined when there is none. */
async function restoreIndex(slot: string, siteDir: string): Promise<number | undefined> {
  const done = await readFile(join(slot, 'done.json'), 'utf8').catch(() => undefined);
  if (done === undefined) return undefined;
  await linkIndex(slot, siteDir);
  return (JSON.parse(done) as KeptIndex).pages;
}

/**
 * Keeps the index just written in `<cache>/<hash>`, and only that one: written beside it and
 * renamed into place once whole (`done.json` last), so a build running at the same time never
 * reads half of it. Pagefind writes new files each time, so the links never see a later change.
 */
async function saveIndex(cache: string, hash: string, siteDir: string, kept: KeptIndex): Promise<void> {
  const slot = join(cache, hash);
  if (existsSync(join(slot, 'done.json'))) return;
  const partial = join(cache, `${hash}.${process.pid}.partial`);
  await rm(partial, { recursive: true, force: true });
  await linkIndex(siteDir, partial);
  await writeFile(join(partial, 'done.json'), JSON.stringify(kept));
  await rename(partial, slot).catch(() => rm(partial, { recursive: true, force: true }));
  // Older indexes of this site are of no use: its pages have changed since.
  for (const name of await readdir(cache)) {
    if (name === hash) continue;
    const other = join(cache, name);
    // A slot another build is writing right now (under a minute old) is its business.
    if (name.endsWith('.partial') && Date.now() - (await stat(other)).mtimeMs < 60_000) continue;
    await rm(other, { recursive: true, force: true });
  }
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
    // Written beside the served index and swapped in: a search while it is written reads the old one, not a missing folder.
    const next = `${outputPath}.next`;
    const old = `${outputPath}.old`;
    await rm(next, { recursive: true, force: true });
    await step('write the index', index!.writeFiles({ outputPath: next }));
    await rm(old, { recursive: true, force: true });
    if (existsSync(outputPath)) await rename(outputPath, old);
    await rename(next, outputPath);
    await rm(old, { recursive: true, force: true });
  } finally {
    await pagefind.close();
  }
}

/** The same counts for the dev server's records. */
export function termStatsOfRecords(records: DevRecord[]): TermStats {
  const counter = new TermCounter();
  for (const record of records) counter.add(record.content);
  return counter.stats();
}
