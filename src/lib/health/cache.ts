import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ContentEntry } from '../content/files.js';
import { codeRoot } from '../shared/code-root.js';
import type { PageFacts } from './facts.js';

const FORMAT = 'runbook-kb-facts-1';

/** One file's facts, the hash of the bytes they were made from, and the file's size and mtime then. */
export interface CachedFacts {
  key: string;
  stamp?: string;
  facts: PageFacts;
}

/** Per-file facts from earlier runs, keyed by content path, each valid for one content hash. */
export interface FactsCache {
  file: string | undefined;
  version: string;
  entries: Map<string, CachedFacts>;
  changed: boolean;
}

/**
 * Where the cache lives: `KB_CACHE_DIR`, or `node_modules/.cache/runbook-kb/facts/` of this
 * installation, one file per knowledge base. CI keeps that folder between runs (`actions/cache`).
 */
function cacheFile(root: string, contentDir: string): string {
  const require = createRequire(import.meta.url);
  const dir = process.env.KB_CACHE_DIR || join(dirname(require.resolve('zod/package.json')), '..', '.cache', 'runbook-kb', 'facts');
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // A missing root fails later, with the content folder's message.
  }
  return join(dir, `${createHash('sha1').update(`${real}\0${contentDir}`).digest('hex').slice(0, 16)}.json`);
}

/**
 * A fingerprint of the code that produces facts (every source file of `src/lib`, and the versions of
 * the parsers) and of the settings. Any change to a parser, a rule, the
 * policy or its allow-list makes every cached verdict stale.
 */
export function factsVersion(settings: object): string {
  const hash = createHash('sha1').update(FORMAT).update(JSON.stringify(settings));
  // The same sources whether this runs from a prebuilt bundle (node_modules/.cache/runbook-kb/:
  // the command-line tools, the site's configuration) or from src/lib (tests), so all share one cache.
  const lib = join(codeRoot(), 'src', 'lib');
  for (const file of sourceFiles(lib)) hash.update(file.slice(lib.length)).update(readFileSync(file));
  for (const name of ['@astrojs/markdown-remark', 'remark-parse', 'remark-gfm', 'remark-mdx', 'hast-util-sanitize', 'yaml', 'shiki']) {
    try {
      const manifest = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`${name}/package.json`), 'utf8')) as {
        version: string;
      };
      hash.update(manifest.version);
    } catch {
      hash.update(name);
    }
  }
  return hash.digest('base64url');
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** Loads the cache for a knowledge base; an unreadable or outdated cache is an empty one. */
export function loadFactsCache(root: string, contentDir: string, version: string, enabled: boolean): FactsCache {
  const file = enabled ? cacheFile(root, contentDir) : undefined;
  const cache: FactsCache = { file, version, entries: new Map(), changed: false };
  if (!file) return cache;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; entries?: [string, CachedFacts][] };
    if (parsed.version === version && Array.isArray(parsed.entries)) cache.entries = new Map(parsed.entries);
  } catch {
    // No cache yet, or a broken one: start empty.
  }
  return cache;
}

/** The cache key of one entry: its kind, path and bytes (or, for a symlink, where it points). */
export function entryKey(entry: ContentEntry, bytes: Uint8Array | undefined): string {
  const hash = createHash('sha1').update(entry.kind).update('\0').update(entry.contentPath).update('\0');
  if (bytes) hash.update(bytes);
  else hash.update(JSON.stringify(entry.link ?? null));
  return hash.digest('base64url');
}

/** Writes the cache for the entries of this run only (deleted files drop out); atomic, best effort. */
export function saveFactsCache(cache: FactsCache, current: Set<string>): void {
  if (!cache.file || (!cache.changed && cache.entries.size === current.size)) return;
  const entries = [...cache.entries].filter(([path]) => current.has(path));
  try {
    mkdirSync(dirname(cache.file), { recursive: true });
    const partial = `${cache.file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ version: cache.version, entries }));
    renameSync(partial, cache.file);
  } catch {
    // A cache that cannot be written only costs time on the next run.
  }
}
