const PAGE_FILE = /\.(md|mdx)$/i;

/**
 * The site URL of a page, without the base path: `runbooks/dns/ndots.mdx` → `/runbooks/dns/ndots/`,
 * `guides/index.md` → `/guides/`.
 */
export function pageUrl(contentPath: string): string {
  const withoutExt = contentPath.replace(PAGE_FILE, '').replace(/(^|\/)index$/, '');
  return withoutExt === '' ? '/' : `/${withoutExt}/`;
}

/** Normalises an Astro `base` to `/` or `/sub/path/`. */
export function normaliseBase(base: string | undefined): string {
  if (!base || base === '/') return '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`;
}

/** Prefixes a site URL (`/runbooks/x/`) with the base path (`/kb/` → `/kb/runbooks/x/`). */
export function withBase(url: string, base: string): string {
  const normalised = normaliseBase(base);
  return normalised === '/' ? url : `${normalised.slice(0, -1)}${url.startsWith('/') ? url : `/${url}`}`;
}

/** Joins and normalises a POSIX path, resolving `.` and `..`; undefined when it climbs above the root. */
export function joinPosix(dir: string, relative: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The folder part of a POSIX path. */
export function dirnamePosix(path: string): string {
  const index = path.lastIndexOf('/');
  return index === -1 ? '' : path.slice(0, index);
}
