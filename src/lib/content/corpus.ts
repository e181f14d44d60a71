import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter, type ParsedFrontmatter } from './frontmatter.js';
import { RULES, type Finding } from '../health/findings.js';
import { scanMarkdown, type ScannedMarkdown } from './markdown.js';
import { findMdxSyntaxError } from './mdx-syntax.js';
import { collectionOf, isPageFile, pageUrl, serviceOf } from '../shared/paths.js';
import type { Collection } from './schema.js';

/** One page of the knowledge base, read and scanned but not yet judged. */
export interface PageRecord {
  /** Path from the project root: `content/runbooks/dns/ndots.md`. */
  file: string;
  /** Path from the content folder: `runbooks/dns/ndots.md`; source links resolve against it. */
  contentPath: string;
  collection: Collection;
  /** Site URL without the base path. */
  url: string;
  service?: string;
  mdx: boolean;
  frontmatter: ParsedFrontmatter;
  scan: ScannedMarkdown;
}

/** Everything under the content folder: pages, other files, and problems with file placement. */
export interface Corpus {
  contentDir: string;
  pages: PageRecord[];
  /** Every file under the content folder, pages or not, relative to it (images, downloads). */
  files: Set<string>;
  findings: Finding[];
}

function misplaced(file: string, message: string, hint: string): Finding {
  return { rule: RULES.misplacedFile, severity: 'error', file, line: 1, column: 1, message, hint };
}

/** Reads and scans one page; never throws for bad content. */
export function readPage(contentDir: string, contentPath: string, source: string): PageRecord | Finding {
  const file = `${contentDir}/${contentPath}`;
  const collection = collectionOf(contentPath);
  if (!collection) {
    return misplaced(
      file,
      `Unexpected page \`${contentPath}\` outside \`runbooks/\` and \`guides/\``,
      `Move it to \`${contentDir}/runbooks/<service>/\` or \`${contentDir}/guides/\`; other folders are not built`,
    );
  }
  if (collection === 'runbooks' && !serviceOf(contentPath)) {
    return misplaced(
      file,
      `Unexpected runbook \`${contentPath}\` without a service folder`,
      `Runbooks live in \`${contentDir}/runbooks/<service>/\`, e.g. \`${contentDir}/runbooks/dns/${contentPath.split('/').pop()}\``,
    );
  }
  const mdx = contentPath.toLowerCase().endsWith('.mdx');
  const frontmatter = parseFrontmatter(file, source, collection);
  return {
    file,
    contentPath,
    collection,
    url: pageUrl(contentPath),
    service: serviceOf(contentPath),
    mdx,
    frontmatter,
    scan: scanMarkdown(frontmatter.body, frontmatter.bodyLine, mdx),
  };
}

/**
 * Every file below `dir` as a `/`-separated path relative to it, skipping hidden files and
 * folders. Walking with file types avoids the extra `stat` per entry of a recursive listing.
 */
function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(dir, path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Every file below the content folder, relative to it; throws with a clear message when the folder is missing. */
export function listContentFiles(root: string, contentDir: string): string[] {
  try {
    return listFiles(join(root, contentDir));
  } catch (error) {
    throw new Error(`Cannot read the content folder \`${contentDir}\`: ${(error as Error).message}`);
  }
}

/** The MDX syntax error of a page, for `.mdx` pages only. */
export function mdxSyntaxFinding(page: PageRecord): Finding | undefined {
  return page.mdx ? findMdxSyntaxError(page.file, page.frontmatter.body, page.frontmatter.bodyLine) : undefined;
}

/**
 * Reads every page under `<root>/<contentDir>`. Synchronous reads are the fastest way through many
 * small files. `verifyMdx: false` leaves the MDX syntax check (~2 ms a page) to the caller, which
 * may run it on another core; `entries` reuses a listing the caller already made.
 */
export function readCorpus(root: string, contentDir: string, options: { verifyMdx?: boolean; entries?: string[] } = {}): Corpus {
  const dir = join(root, contentDir);
  const entries = options.entries ?? listContentFiles(root, contentDir);
  const files = new Set<string>();
  const pages: PageRecord[] = [];
  const findings: Finding[] = [];
  for (const contentPath of entries.sort()) {
    if (!isPageFile(contentPath)) {
      files.add(contentPath);
      continue;
    }
    const source = readFileSync(join(dir, contentPath), 'utf8');
    files.add(contentPath);
    const page = readPage(contentDir, contentPath, source);
    if ('rule' in page) {
      findings.push(page);
      continue;
    }
    pages.push(page);
    const syntax = options.verifyMdx === false ? undefined : mdxSyntaxFinding(page);
    if (syntax) findings.push(syntax);
  }
  return { contentDir, pages, files, findings };
}
