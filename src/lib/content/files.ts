import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { COLLECTIONS, type Collection } from './schema.js';

/**
 * One entry of the content folder, classified once for everything that reads it: the checker,
 * the site's content loader and the linter see the same list.
 * - `page`: a page the site builds (`.md`/`.mdx`, lower case, name not starting with `_` or `.`)
 * - `file`: anything else pages may link to (images, downloads)
 * - `not-built`: looks like a page but the naming rules leave it out (`NOTES.MD`, `_draft.md`)
 * - `symlink`: never followed; reported
 * - `config`: a tool configuration file, which content must not carry
 */
export interface ContentEntry {
  /** Path relative to the content folder, with `/`. */
  contentPath: string;
  kind: 'page' | 'file' | 'not-built' | 'symlink' | 'config';
  /** For symlinks: where the link points, and whether that is a loop or leaves the content folder. */
  link?: { target: string; escapes: boolean; loop: boolean };
}

const PAGE_NAME = /^[^_.][^/]*\.(md|mdx)$/;
const PAGE_LIKE = /\.(md|mdx|markdown)$/i;
const CONFIG_NAME = /^(?:\.remarkrc(?:\.[a-z]+)?|\.remarkignore|package\.json|\.npmrc|[\w.-]+\.config\.(?:[cm]?js|[cm]?ts|json))$/i;

/** True for a path (relative to the content folder) that the site builds as a page. */
export function isPagePath(contentPath: string): boolean {
  return PAGE_NAME.test(contentPath.slice(contentPath.lastIndexOf('/') + 1));
}

/** True for a path that names a page file, whatever its case: how links to pages are recognised. */
export function looksLikePage(path: string): boolean {
  return /\.(md|mdx)$/i.test(path);
}

/** The collection a content path belongs to, if any. */
export function collectionOf(contentPath: string): Collection | undefined {
  const first = contentPath.split('/')[0];
  return (COLLECTIONS as readonly string[]).includes(first) ? (first as Collection) : undefined;
}

/** The service folder of a runbook (`runbooks/<service>/…`), if it has one. */
export function serviceOf(contentPath: string): string | undefined {
  const parts = contentPath.split('/');
  return parts[0] === 'runbooks' && parts.length > 2 ? parts[1] : undefined;
}

/**
 * Lists the content folder without following symlinks (a link is an entry of its own, so a loop
 * or a link to `/etc` cannot hang or leak into anything). Hidden files and folders are skipped,
 * except tool configuration files, which are listed so the checker can refuse them.
 */
export function listContent(root: string, contentDir: string): ContentEntry[] {
  const base = resolve(root, contentDir);
  const entries: ContentEntry[] = [];
  const walk = (prefix: string) => {
    for (const dirent of readdirSync(join(base, prefix), { withFileTypes: true })) {
      const contentPath = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
      if (dirent.isSymbolicLink()) entries.push({ contentPath, kind: 'symlink', link: describeLink(base, contentPath) });
      else if (dirent.isDirectory()) {
        if (!dirent.name.startsWith('.')) walk(contentPath);
      } else if (!dirent.isFile()) continue;
      else if (CONFIG_NAME.test(dirent.name)) entries.push({ contentPath, kind: 'config' });
      else if (dirent.name.startsWith('.')) continue;
      else if (isPagePath(contentPath)) entries.push({ contentPath, kind: 'page' });
      else entries.push({ contentPath, kind: PAGE_LIKE.test(dirent.name) ? 'not-built' : 'file' });
    }
  };
  try {
    walk('');
  } catch (error) {
    throw new Error(`Cannot read the content folder \`${contentDir}\`: ${(error as Error).message}`);
  }
  return entries.sort((a, b) => (a.contentPath < b.contentPath ? -1 : a.contentPath > b.contentPath ? 1 : 0));
}

function describeLink(base: string, contentPath: string): NonNullable<ContentEntry['link']> {
  const path = join(base, contentPath);
  let target = '';
  try {
    target = readlinkSync(path);
  } catch {
    // Unreadable link: reported with an empty target.
  }
  let real: string | undefined;
  try {
    real = realpathSync(path);
  } catch (error) {
    // ELOOP: the link resolves through itself.
    return { target, escapes: false, loop: (error as { code?: string }).code === 'ELOOP' };
  }
  const inside = relative(realpathSync(base), real);
  const escapes = inside.startsWith('..') || isAbsolute(inside);
  // A link to a folder that contains it (or to itself) is a loop for anything that follows links.
  const loop = !escapes && (inside === '' || `${contentPath}/`.startsWith(`${inside.split(sep).join('/')}/`));
  return { target, escapes, loop };
}

/**
 * Files next to pages that the site publishes at their content path: images and plain downloads.
 * HTML, SVG, XML, JavaScript and CSS are never published: served from the site's own origin,
 * they could run script outside the pages' Content-Security-Policy.
 */
export const PUBLISHED_FILE = /\.(?:png|jpe?g|gif|webp|avif|pdf|txt|log|csv|tsv|json|ya?ml|toml|ini|conf|cfg|sh|py|sql|diff|patch|tar|gz|tgz|zip)$/i;

/** True for a non-page file the site copies to `dist/<contentPath>`. */
export function isPublishedFile(contentPath: string): boolean {
  return PUBLISHED_FILE.test(contentPath);
}
