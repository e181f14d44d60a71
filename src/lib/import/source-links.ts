import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { relativeLink } from '../content/links.js';
import { dirnamePosix, joinPosix } from '../shared/paths.js';

/** Where a link of a source page leads, in the source repository. */
export type SourceTarget =
  | { kind: 'page'; path: string; anchor?: string; how: LinkFix[] }
  | { kind: 'file'; path: string; how: LinkFix[] }
  | { kind: 'same-page'; anchor: string }
  | { kind: 'external' }
  | { kind: 'script' }
  | { kind: 'unresolved'; reason: string };

/** How a link had to be read to find its target, for the summary. */
export type LinkFix = 'extensionless' | 'directory' | 'html' | 'case' | 'site-absolute';

/** The source repository's files, for resolving links the way its own generator did. */
export interface SourceIndex {
  pages: Set<string>;
  files: Set<string>;
  /** Lower-cased path → path, for links written with the wrong case. */
  lower: Map<string, string>;
  /** Site path of each page on its old site (`manual/restart-app`) → source path. */
  sitePaths: Map<string, string>;
  /** Source folders (`content/`, `docs/`, `source/`) a generator serves from the site root. */
  roots: string[];
  /** Every folder holding a file. */
  dirs: Set<string>;
}

const SITE_ROOTS = ['content', 'docs', 'source', 'src', 'site', 'pages', 'doc'];
const PAGE_EXTENSIONS = ['.md', '.markdown', '.mdx', '.mdown', '.mkd', '.html.md'];
const INDEX_NAMES = ['README.md', 'readme.md', 'index.md', '_index.md', 'Readme.md', 'index.markdown', 'README.markdown'];

/** Builds the index from the listing: pages and other files by path. */
export function indexSource(pages: string[], files: string[]): SourceIndex {
  const all = [...pages, ...files];
  const lower = new Map<string, string>();
  for (const path of all) if (!lower.has(path.toLowerCase())) lower.set(path.toLowerCase(), path);
  const roots = SITE_ROOTS.filter((root) => pages.some((page) => page.startsWith(`${root}/`)));
  const sitePaths = new Map<string, string>();
  for (const page of pages) {
    for (const root of ['', ...roots]) {
      if (root !== '' && !page.startsWith(`${root}/`)) continue;
      const inside = root === '' ? page : page.slice(root.length + 1);
      const stem = inside.replace(/\.html\.md$|\.(?:md|markdown|mdx|mdown|mkd)$/i, '');
      const site = stem.replace(/(?:^|\/)(?:README|readme|index|_index)$/, '');
      if (!sitePaths.has(site)) sitePaths.set(site, page);
    }
  }
  const dirs = new Set<string>();
  for (const path of all) for (let dir = dirnamePosix(path); dir !== '' && !dirs.has(dir); dir = dirnamePosix(dir)) dirs.add(dir);
  return { pages: new Set(pages), files: new Set(files), lower, sitePaths, roots, dirs };
}

/** Splits `path#anchor` and `path?query`. */
function splitTarget(url: string): { path: string; anchor?: string } {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const query = beforeHash.indexOf('?');
  return { path: query === -1 ? beforeHash : beforeHash.slice(0, query), anchor: hash === -1 ? undefined : url.slice(hash + 1) };
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The page or file at a source path, trying what generators accept: no extension, a folder, `.html`, another case. */
function findPath(index: SourceIndex, path: string, how: LinkFix[]): { kind: 'page' | 'file'; path: string; how: LinkFix[] } | undefined {
  const exact = (candidate: string, extra: LinkFix[]) => {
    if (index.pages.has(candidate)) return { kind: 'page' as const, path: candidate, how: [...how, ...extra] };
    if (index.files.has(candidate)) return { kind: 'file' as const, path: candidate, how: [...how, ...extra] };
    const cased = index.lower.get(candidate.toLowerCase());
    if (cased !== undefined)
      return {
        kind: index.pages.has(cased) ? ('page' as const) : ('file' as const),
        path: cased,
        how: [...how, ...extra, 'case' as const],
      };
    return undefined;
  };
  const trimmed = path.replace(/\/+$/, '');
  const direct = trimmed === path ? exact(path, []) : undefined;
  if (direct) return direct;
  const stem = trimmed.replace(/\.html?$/i, '');
  const fix: LinkFix[] = stem !== trimmed ? ['html'] : [];
  if (stem !== trimmed) {
    const page = exact(stem, fix) ?? exact(`${stem}.md`, fix);
    if (page) return page;
    if (/(?:^|\/)index$/.test(stem)) return findPath(index, stem.replace(/\/?index$/, '/'), [...how, 'html']);
  }
  for (const extension of PAGE_EXTENSIONS) {
    const found = exact(`${stem}${extension}`, [...fix, 'extensionless']);
    if (found && found.kind === 'page') return found;
  }
  for (const name of INDEX_NAMES) {
    const found = exact(stem === '' ? name : `${stem}/${name}`, [...fix, 'directory']);
    if (found && found.kind === 'page') return found;
  }
  return undefined;
}

/** Resolves one link destination of the source page `from` (a path in the source repository). */
export function resolveSourceLink(index: SourceIndex, from: string, url: string): SourceTarget {
  const trimmed = url.trim();
  if (/^(?:javascript|vbscript|data):/i.test(trimmed)) return { kind: 'script' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return { kind: 'external' };
  const { path, anchor } = splitTarget(trimmed);
  if (path === '') return anchor === undefined || anchor === '' ? { kind: 'external' } : { kind: 'same-page', anchor: decode(anchor) };
  const decoded = decode(path);
  if (decoded.startsWith('/')) {
    const site = decoded
      .replace(/^\/+/, '')
      .replace(/\/+$/, '')
      .replace(/\.html?$/i, '')
      .replace(/(?:^|\/)index$/, '');
    const page = index.sitePaths.get(site) ?? index.sitePaths.get(site.toLowerCase());
    if (page) return { kind: 'page', path: page, anchor: anchor === undefined ? undefined : decode(anchor), how: ['site-absolute'] };
    // A site-absolute path to a file served from a generator's root folder (`/images/x.png` from `static/`).
    for (const root of ['', 'static', 'public', ...index.roots]) {
      const candidate = root === '' ? decoded.slice(1) : `${root}${decoded}`;
      const found = findPath(index, candidate, ['site-absolute']);
      if (found) return { ...found, anchor: found.kind === 'page' && anchor !== undefined ? decode(anchor) : undefined };
    }
    return { kind: 'unresolved', reason: 'no page of the source has this address' };
  }
  const joined = joinPosix(dirnamePosix(from), decoded);
  if (joined === undefined) return { kind: 'unresolved', reason: 'points above the source folder' };
  const found = findPath(index, decoded.endsWith('/') ? `${joined}/` : joined, []);
  if (!found)
    return { kind: 'unresolved', reason: index.dirs.has(joined) ? 'a folder with no README or index page' : 'no such file in the source' };
  return found.kind === 'page' ? { ...found, anchor: anchor === undefined ? undefined : decode(anchor) } : found;
}

/** Resolves the path of a Hugo `ref`/`relref`: relative to the page, to the content folder, or a unique file name. */
export function resolveHugoRef(index: SourceIndex, from: string, ref: string): string | undefined {
  const { path, anchor } = splitTarget(ref);
  const suffix = anchor === undefined ? '' : `#${anchor}`;
  const candidates: string[] = [];
  if (path.startsWith('/')) for (const root of index.roots) candidates.push(`${root}${path}`);
  else {
    const relative = joinPosix(dirnamePosix(from), path);
    if (relative !== undefined) candidates.push(relative);
    for (const root of index.roots) candidates.push(`${root}/${path}`);
  }
  for (const candidate of candidates) {
    const found = findPath(index, candidate, []);
    if (found?.kind === 'page') return `${relativeLink(from, found.path)}${suffix}`;
  }
  // Hugo also accepts a bare file name when only one page has it.
  const name = path.replace(/^.*\//, '').replace(/\.md$/i, '');
  const matches = [...index.pages].filter((page) => page.replace(/^.*\//, '').replace(/\.md$/i, '').toLowerCase() === name.toLowerCase());
  return matches.length === 1 ? `${relativeLink(from, matches[0])}${suffix}` : undefined;
}

/** A link destination as written in the text, with its offsets. */
export interface WrittenLink {
  kind: 'link' | 'image' | 'definition';
  /** Offsets of the destination in the text (without `<>`). */
  start: number;
  end: number;
  url: string;
  line: number;
  /** Offsets of the whole link and of its text, for unwrapping a script link. */
  node: { start: number; end: number; textStart: number; textEnd: number };
}

/**
 * The destinations of inline links, images and definitions, located in the text: the tree gives
 * each link's span; the destination is the part after `](` (or `]:`) that follows its text.
 */
export function writtenLinks(tree: Root, text: string): WrittenLink[] {
  const links: WrittenLink[] = [];
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const typed = node;
    const start = typed.position?.start.offset;
    const end = typed.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const source = text.slice(start, end);
    // Autolinks (`<https://…>`, bare URLs) and reference links (`[x][y]`) have no destination of their own here.
    if (node.type !== 'definition' && !source.endsWith(')')) return;
    let from: number;
    let textEnd: number;
    if (node.type === 'definition') {
      from = source.indexOf(']:') + 2;
      textEnd = from - 2;
    } else {
      const children = 'children' in typed ? typed.children : [];
      const last = children.length > 0 ? children[children.length - 1].position?.end.offset : undefined;
      const searchFrom = last !== undefined ? last - start : node.type === 'image' ? 2 : 1;
      from = source.indexOf('](', searchFrom) + 2;
      textEnd = from - 2;
      if (from < 2) return;
    }
    while (from < source.length && /\s/.test(source[from])) from += 1;
    let to: number;
    if (source[from] === '<') {
      from += 1;
      to = source.indexOf('>', from);
    } else {
      let depth = 0;
      to = from;
      while (to < source.length) {
        const char = source[to];
        if (char === '\\') to += 1;
        else if (char === '(') depth += 1;
        else if (char === ')') {
          if (depth === 0) break;
          depth -= 1;
        } else if (/\s/.test(char)) break;
        to += 1;
      }
    }
    if (to < from) return;
    const textStart = node.type === 'image' ? 2 : 1;
    links.push({
      kind: node.type,
      start: start + from,
      end: start + to,
      url: source.slice(from, to),
      line: typed.position!.start.line,
      node: { start, end, textStart: start + textStart, textEnd: start + textEnd },
    });
  });
  return links;
}
