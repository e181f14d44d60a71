import type { AlertRuleSet } from '../alerts/rule-files.js';
import type { ContentLimits } from '../content/limits.js';
import type { FrontmatterRead } from '../content/frontmatter.js';
import type { ContentEntry } from '../content/files.js';
import type { PageFacts } from './facts.js';
import type { PolicyViolation } from '../content/policy.js';
import type { ParsedPage, PageStructure } from '../content/structure.js';
import type { KbConfig } from '../shared/config.js';
import type { Freshness } from './freshness.js';
import type { LinkGraph } from './link-graph.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where a rule's findings are listed on `/health` and counted on the home page. */
export type HealthSection = (typeof HEALTH_SECTIONS)[number];

/** The sections of `/health`, in page order. */
export const HEALTH_SECTIONS = ['policy', 'review', 'due-soon', 'links', 'orphans', 'alerts', 'content'] as const;

/** A tiny knowledge base a rule's documentation example runs on: content paths → file text. */
export interface RuleExample {
  files: Record<string, ExampleFile>;
  /** Prometheus rule files, by path from the project root → text; the example checks with them as `alertRules`. */
  alertRules?: Record<string, string>;
}

/** An example file: its text, raw bytes (base64) for encoding problems, or a symbolic link. */
export type ExampleFile = string | { base64: string } | { symlink: string };

interface RuleDeclaration {
  /** Stable id, shown with every finding and used in `kb.config.ts` `rules`. */
  id: string;
  /** Severity unless `kb.config.ts` `rules` says otherwise. */
  severity: Severity;
  /** What the rule checks, one sentence; the README's rule table is generated from it. */
  summary: string;
  section: HealthSection;
  /** Place in an owner's hack-day checklist (0 first) and the checklist verb. */
  hackDay: { priority: number; action: string };
  /** Content policy: a page with this finding is left out of the build, whatever the configuration says. */
  refuses?: boolean;
  /** A knowledge base where the rule finds nothing, and one where it finds something. */
  examples: { ok: RuleExample; notOk: RuleExample };
}

/** A problem a rule found; the engine adds the rule id, the file and the configured severity. */
export interface RuleHit {
  line: number;
  column?: number;
  message: string;
  hint?: string;
  /** Overrides the rule's severity for this finding (e.g. stale pages under `--strict`). */
  severity?: Severity;
}

/** What a file rule sees of one file; later stages add the frontmatter and the parsed body. */
export interface FileContext {
  entry: ContentEntry;
  /** Path from the project root: `content/runbooks/dns/ndots.md`. */
  file: string;
  source: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Where the first byte that is not UTF-8 sits, if any. */
  invalidUtf8?: { line: number; column: number };
  limits: ContentLimits;
  frontmatter?: FrontmatterRead;
  page?: ParsedPage;
  structure?: PageStructure;
  /** What the MDX policy found in an `.mdx` page's tree. */
  policy?: PolicyViolation[];
  /** The MDX parser's error, when the body does not compile. */
  syntaxError?: { message: string; line: number; column: number };
}

/**
 * Stages of reading one file: `entry` sees what the folder listing says (symlinks, config
 * files, names), `source` the raw text before any parse, `frontmatter` the YAML block, `body`
 * the parsed page. A refusal at `entry` or `source` stops the file there.
 */
export type FileStage = 'entry' | 'source' | 'frontmatter' | 'body';

export interface FileRule extends RuleDeclaration {
  scope: 'file';
  stage: FileStage;
  check(context: FileContext): RuleHit[];
}

/** What a site rule sees: every page's cached facts, read together. */
export interface SiteContext {
  config: KbConfig;
  today: Date;
  base: string;
  strict: boolean;
  contentDir: string;
  pages: PageFacts[];
  /** Pages the site builds: one definition, in `content/facts.ts`. */
  published: PageFacts[];
  byPath: Map<string, PageFacts>;
  /** Every file under the content folder, relative to it. */
  files: Set<string>;
  links: LinkGraph;
  freshness(page: PageFacts): Freshness;
  /** Limits review findings to these files (`--changed-since`). */
  changedFiles?: Set<string>;
  publicFileExists(sitePath: string): boolean;
  /** The Prometheus alerting rules of `alertRules` / `--alert-rules`; undefined when no pattern is configured. */
  alertRules?: AlertRuleSet;
}

/** The alert a finding is about, for the report's "Alerts without runbooks". */
export interface FindingAlert {
  name: string;
  /** Value of the rule's severity label (`alertCoverage.severityLabel`), when it has one. */
  severity?: string;
}

export interface SiteHit extends RuleHit {
  file: string;
  /** Who the finding belongs to when it is not a page's (an alerting rule's owner label); the report groups by it. */
  owner?: string;
  alert?: FindingAlert;
}

export interface SiteRule extends RuleDeclaration {
  scope: 'site';
  check(context: SiteContext): SiteHit[];
}

export type Rule = FileRule | SiteRule;

/** Declares a rule that judges one file at a time; its findings are cached with the file. */
export function fileRule(rule: Omit<FileRule, 'scope'>): FileRule {
  return { ...rule, scope: 'file' };
}

/** Declares a rule that judges pages against each other (links, orphans, duplicates, review dates). */
export function siteRule(rule: Omit<SiteRule, 'scope'>): SiteRule {
  return { ...rule, scope: 'site' };
}
