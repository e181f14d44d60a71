import { dirnamePosix, joinPosix, normaliseBase, pageUrl } from '../shared/paths.js';
import { looksLikePage } from './files.js';

/** Where a link in a page points, once read against the page's own location. */
export type LinkTarget =
  | { kind: 'external' }
  /** A fragment on the same page (`#diagnosis`). */
  | { kind: 'self'; anchor: string }
  /** A page, by content path candidates (source links) or by site URL (site-absolute links). */
  | { kind: 'page'; contentPaths: string[]; url: string; anchor?: string; written: string; viaUrl: boolean }
  /** A non-page file (image, download) by path relative to the content folder or the site root. */
  | { kind: 'asset'; contentPath?: string; sitePath?: string }
  /** A relative link that climbs out of the content folder. */
  | { kind: 'outside' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Splits `path?query#anchor` into its path, its query (with `?`) and decoded anchor. */
function splitUrl(url: string): { path: string; query: string; anchor?: string } {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const path = query === -1 ? beforeHash : beforeHash.slice(0, query);
  const search = query === -1 ? '' : beforeHash.slice(query);
  let anchor = hash === -1 ? undefined : url.slice(hash + 1);
  if (anchor !== undefined) {
    try {
      anchor = decodeURIComponent(anchor);
    } catch {
      // A malformed escape stays as written; the anchor check then reports it.
    }
  }
  return { path, query: search, anchor };
}

/**
 * Reads a link written in `fromContentPath` (a path relative to the content folder):
 * source links (`../dns/ndots.mdx#diagnosis`, `./x.md`, `../x`, `index` pages) and
 * site-absolute links (`/runbooks/dns/ndots/`, with or without the `base` prefix).
 */
export function resolveLink(fromContentPath: string, url: string, base = '/'): LinkTarget {
  if (url === '' || SCHEME.test(url) || url.startsWith('//')) return { kind: 'external' };
  const { path, anchor } = splitUrl(url);
  if (path === '') return anchor === undefined ? { kind: 'external' } : { kind: 'self', anchor };
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // Keep the path as written.
  }

  if (decoded.startsWith('/')) {
    const normalisedBase = normaliseBase(base);
    let sitePath = decoded;
    if (normalisedBase !== '/' && (sitePath + '/').startsWith(normalisedBase)) sitePath = sitePath.slice(normalisedBase.length - 1);
    // Pages are folders (`/x/`, `/x/index.html`); any other name with an extension is a file.
    if (/\.[a-z0-9]+$/i.test(sitePath) && !/(^|\/)index\.html$/.test(sitePath)) return { kind: 'asset', sitePath };
    const siteUrl = `${sitePath.replace(/\/index\.html$/, '').replace(/\/+$/, '')}/`;
    return { kind: 'page', contentPaths: [], url: siteUrl, anchor, written: url, viaUrl: true };
  }

  const joined = joinPosix(dirnamePosix(fromContentPath), decoded);
  if (joined === undefined) return { kind: 'outside' };
  if (looksLikePage(joined)) {
    return { kind: 'page', contentPaths: [joined], url: pageUrl(joined), anchor, written: url, viaUrl: false };
  }
  if (/\.[a-z0-9]+$/i.test(joined)) return { kind: 'asset', contentPath: joined };
  // Extensionless: the file itself, or the folder's index page, in either format.
  const candidates =
    joined === '' ? ['index.md', 'index.mdx'] : [`${joined}.md`, `${joined}.mdx`, `${joined}/index.md`, `${joined}/index.mdx`];
  return { kind: 'page', contentPaths: candidates, url: pageUrl(candidates[0]), anchor, written: url, viaUrl: false };
}

/**
 * The URL a link should have on the built site: source links become site URLs and
 * site-absolute links gain the base path. Other links are returned unchanged.
 */
export function rewriteLink(fromContentPath: string, url: string, base = '/'): string {
  const target = resolveLink(fromContentPath, url, base);
  const normalisedBase = normaliseBase(base);
  const prefix = normalisedBase.slice(0, -1);
  const { query } = splitUrl(url);
  const hash = (anchor: string | undefined) => (anchor === undefined ? '' : `#${encodeURIComponent(anchor).replace(/%2F/g, '/')}`);
  if (target.kind === 'page') return `${prefix}${encodeURI(target.url)}${query}${hash(target.anchor)}`;
  if (target.kind === 'asset' && target.sitePath !== undefined) {
    return url.startsWith(normalisedBase) || normalisedBase === '/' ? url : `${prefix}${url}`;
  }
  // Files next to pages are published at their content path (see `PUBLISHED_FILE`).
  if (target.kind === 'asset' && target.contentPath !== undefined) return `${prefix}/${encodeURI(target.contentPath)}${query}`;
  return url;
}

/** The source link from one content path to another: `runbooks/dns/a.md` → `../storage/b.md`. */
export function relativeLink(from: string, to: string): string {
  const fromParts = dirnamePosix(from).split('/').filter(Boolean);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common += 1;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
