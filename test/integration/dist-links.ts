import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/** One `href`/`src` of a built page that leads nowhere in `dist/`. */
export interface BrokenHref {
  /** The page's URL path (with the base). */
  page: string;
  href: string;
  /** True when the element sits inside the page's content (`data-pagefind-body`), not the layout. */
  inContent: boolean;
}

/**
 * Resolves every internal `href` and `src` of every HTML file in a built site against the files
 * and element ids really there, the way a browser would: a link is broken when its path has no
 * file (or `index.html`) or its `#fragment` names no element `id` (or `<a name>`) of the target.
 */
export function brokenHrefs(dist: string, base: string): BrokenHref[] {
  const pages = new Map<string, { ids: Set<string>; hrefs: { href: string; inContent: boolean }[] }>();
  for (const file of htmlFiles(dist)) {
    const tree = fromHtml(readFileSync(join(dist, file), 'utf8'));
    const ids = new Set<string>();
    const hrefs: { href: string; inContent: boolean }[] = [];
    visit(tree, 'element', (node, _index, parent) => {
      const { id, name, href, src } = node.properties;
      if (typeof id === 'string') ids.add(id);
      if (node.tagName === 'a' && typeof name === 'string') ids.add(name);
      const inContent = hasContentAncestor(node, parent as never);
      for (const value of [href, src]) if (typeof value === 'string') hrefs.push({ href: value, inContent });
    });
    pages.set(`/${file.replace(/index\.html$/, '')}`, { ids, hrefs });
  }
  const broken: BrokenHref[] = [];
  for (const [pagePath, page] of pages) {
    for (const { href, inContent } of page.hrefs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const url = new URL(href, `http://site${base}${pagePath.slice(1)}`);
      let path = decodeURIComponent(url.pathname);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (!path.startsWith(base)) {
        broken.push({ page: pagePath, href, inContent });
        continue;
      }
      path = `/${path.slice(base.length)}`;
      const target = path.endsWith('/') ? `${path}index.html` : path;
      const exists = existsSync(join(dist, target)) && statSync(join(dist, target)).isFile();
      const targetPage = pages.get(path.endsWith('/') ? path : `${path}/`) ?? pages.get(path);
      if (!exists || (fragment !== '' && !(targetPage?.ids.has(fragment) ?? false))) broken.push({ page: pagePath, href, inContent });
    }
  }
  return broken;
}

// Set by a pre-pass: elements under the page body that Pagefind indexes, i.e. the page's own content.
const CONTENT = new WeakSet<object>();

function hasContentAncestor(
  node: { properties: Record<string, unknown> },
  parent: { properties?: Record<string, unknown> } | undefined,
): boolean {
  const inside = 'dataPagefindBody' in node.properties || (parent !== undefined && CONTENT.has(parent));
  if (inside) CONTENT.add(node);
  return inside;
}

function htmlFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...htmlFiles(dir, path));
    else if (entry.name.endsWith('.html')) files.push(path);
  }
  return files;
}
