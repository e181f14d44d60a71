import type { ContentEntry } from '../content/files.js';
import type { Collection, Frontmatter } from '../content/schema.js';
import type { StructureHeading, StructureLink } from '../content/structure.js';
import type { Finding } from './findings.js';

/**
 * What one file of the content folder contributes to the health check, once read: the part that
 * depends on that file alone, so it can be cached by content hash and reused while cross-file
 * verdicts (links, orphans, duplicates) are recomputed on every run.
 */
export interface PageFacts {
  contentPath: string;
  /** Path from the project root. */
  file: string;
  kind: ContentEntry['kind'];
  collection?: Collection;
  service?: string;
  /** Site URL without the base path. */
  url: string;
  mdx: boolean;
  /** The validated frontmatter when valid; otherwise the YAML mapping as read, when it could be. */
  raw?: Record<string, unknown>;
  data?: Frontmatter;
  /** 1-based line of each top-level frontmatter key. */
  keyLines: Record<string, number>;
  /** 1-based line of each entry of `steps` (a guided path). */
  stepLines?: number[];
  /** What the page renders: its links and the ids a fragment can reach. */
  links: StructureLink[];
  ids: string[];
  headings: StructureHeading[];
  /** Findings of the file rules, at their default severity. */
  findings: Finding[];
  /** True when a content-policy rule refused the file: the site leaves it out. */
  refused: boolean;
}

/** A page the site builds: a page file, in a collection, with valid frontmatter, not a draft, not refused. */
export function isPublished(page: PageFacts): boolean {
  return page.kind === 'page' && page.collection !== undefined && !page.refused && page.data !== undefined && page.data.status !== 'draft';
}

/** The status a page declares, read from its frontmatter even when other keys are invalid. */
export function statusOf(page: PageFacts): 'active' | 'draft' | 'deprecated' {
  const written = page.data?.status ?? page.raw?.status;
  return written === 'draft' || written === 'deprecated' ? written : 'active';
}

/** A frontmatter value as text, when it is one. */
export function rawText(page: PageFacts, key: string): string | undefined {
  const value = (page.data as Record<string, unknown> | undefined)?.[key] ?? page.raw?.[key];
  return typeof value === 'string' ? value : undefined;
}
