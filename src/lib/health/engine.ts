import type { KbConfig } from '../shared/config.js';
import type { Corpus, PageRecord } from '../content/corpus.js';
import { closestMatch, Suggester } from '../shared/did-you-mean.js';
import { RULES, countFindings, sortFindings, type Finding, type Severity } from './findings.js';
import { FRESHNESS_LABELS, describeDays, formatIsoDate, freshnessOf, type Freshness } from './freshness.js';
import { resolveLink } from '../content/links.js';
import { dirnamePosix, normaliseBase } from '../shared/paths.js';
import type { Collection } from '../content/schema.js';

/** What the site, the report and the CLI show about one page. */
export interface PageHealth {
  file: string;
  contentPath: string;
  url: string;
  collection: Collection;
  title: string;
  owner?: string;
  status: 'active' | 'draft' | 'deprecated';
  service?: string;
  services: string[];
  tags: string[];
  alerts: string[];
  symptoms: string[];
  description?: string;
  supersededBy?: string;
  freshness: Freshness;
  /** YYYY-MM-DD of the last git commit touching the file, when known. */
  lastChanged?: string;
  /** Number of other published pages linking here. */
  inbound: number;
  /** True when the frontmatter is valid. */
  valid: boolean;
}

export interface HealthOptions {
  config: KbConfig;
  today: Date;
  /** Astro `base`, so site-absolute links written with it resolve. */
  base?: string;
  /** Stale pages and orphans become errors. */
  strict?: boolean;
  /** From `readGitDates`. */
  gitDates?: Map<string, string>;
  /** Limit review findings to these files (project-relative), as `--changed-since` does. */
  changedFiles?: Set<string>;
  /** Whether a site-absolute asset such as `/images/x.png` exists in `public/`. */
  publicFileExists?: (sitePath: string) => boolean;
  /** Notes to carry into the report (shallow clone, no git). */
  notes?: string[];
}

export interface HealthReport {
  today: string;
  pages: PageHealth[];
  findings: Finding[];
  counts: Record<Severity, number>;
  notes: string[];
}

/** Site URLs the build generates besides content pages; links to them are never dangling. */
const GENERATED_URL = /^\/(?:(?:services|owners|tags|alerts)\/(?:[^/]+\/)?|pages\/|health\/|search\/)?$/;

/**
 * Judges a corpus: schema, freshness, dangling links, orphans, duplicate titles and alerts,
 * deprecations. Every problem becomes a finding; nothing here throws for bad content.
 */
export function checkHealth(corpus: Corpus, options: HealthOptions): HealthReport {
  const { config, today } = options;
  const base = normaliseBase(options.base);
  const findings: Finding[] = [...corpus.findings];
  const byPath = new Map(corpus.pages.map((page) => [page.contentPath, page]));
  const byUrl = new Map(corpus.pages.map((page) => [page.url, page]));
  const suggest = pageSuggestions(corpus, byPath, base);
  // A page with invalid frontmatter still has a status if it wrote a valid one; otherwise it counts as active.
  const statusOf = (page: PageRecord): PageHealth['status'] => {
    const written = page.frontmatter.data?.status ?? page.frontmatter.raw?.status;
    return written === 'draft' || written === 'deprecated' ? written : 'active';
  };
  const published = corpus.pages.filter((page) => statusOf(page) !== 'draft');
  const inbound = new Map<string, Set<string>>();
  const push = (finding: Finding) => findings.push(finding);

  for (const page of corpus.pages) findings.push(...page.frontmatter.findings);

  for (const page of published) {
    for (const link of page.scan.links) {
      const at = { file: page.file, line: link.line, column: link.column };
      const target = resolveLink(page.contentPath, link.url, base);
      if (target.kind === 'external') continue;
      const dangling = (message: string, hint?: string) => push({ rule: RULES.danglingLink, severity: 'error', ...at, message, hint });
      if (target.kind === 'outside') {
        dangling(
          `Cannot link to \`${link.url}\` outside the content folder`,
          'Link to pages of the knowledge base by their source file, e.g. `../dns/ndots.md`',
        );
        continue;
      }
      if (target.kind === 'self') {
        if (!page.scan.anchors.has(target.anchor))
          dangling(`Cannot find heading \`#${target.anchor}\` on this page${suggestAnchor(target.anchor, page)}`, anchorHint(page));
        continue;
      }
      if (target.kind === 'asset') {
        const exists =
          target.contentPath !== undefined
            ? corpus.files.has(target.contentPath)
            : (options.publicFileExists?.(target.sitePath ?? '') ?? true);
        if (!exists)
          dangling(
            `Cannot find file \`${link.url}\``,
            target.contentPath ? 'Put the file next to the page, or fix the path' : 'Site-absolute files are served from `public/`',
          );
        continue;
      }
      const found = target.viaUrl ? byUrl.get(target.url) : target.contentPaths.map((path) => byPath.get(path)).find(Boolean);
      if (!found) {
        if (target.viaUrl && GENERATED_URL.test(target.url)) continue;
        dangling(
          `Cannot find page \`${link.url}\`${suggest.forLink(page, target.viaUrl ? target.url : target.contentPaths[0], target.viaUrl)}`,
          target.viaUrl
            ? `Prefer source links such as \`../dns/ndots.md\`: they also work on the git host`
            : 'Source links are relative to this file and name the target file, e.g. `../dns/ndots.md#diagnosis`',
        );
        continue;
      }
      if (statusOf(found) === 'draft') {
        dangling(`Cannot link to draft page \`${link.url}\``, 'Drafts are not published; link to it once its `status` is `active`');
        continue;
      }
      if (target.anchor !== undefined && target.anchor !== '' && !found.scan.anchors.has(target.anchor)) {
        dangling(
          `Cannot find heading \`#${target.anchor}\` in \`${found.contentPath}\`${suggestAnchor(target.anchor, found)}`,
          anchorHint(found),
        );
      }
      if (found !== page) {
        const set = inbound.get(found.contentPath) ?? new Set<string>();
        set.add(page.contentPath);
        inbound.set(found.contentPath, set);
        const successor = found.frontmatter.raw?.['superseded-by'];
        // The page that replaced a deprecated one may point back to it for history.
        if (statusOf(found) === 'deprecated' && statusOf(page) !== 'deprecated' && successor !== page.contentPath) {
          push({
            rule: RULES.deprecatedLink,
            severity: 'warning',
            ...at,
            message: `Unexpected link to deprecated page \`${found.contentPath}\``,
            hint: typeof successor === 'string' ? `Link to \`${successor}\` instead` : 'Link to the page that replaces it',
          });
        }
      }
    }
  }

  const pages: PageHealth[] = [];
  const titles = new Map<string, PageRecord[]>();
  const alerts = new Map<string, PageRecord[]>();
  const allowList = new Set(config.health.orphanAllowList);
  const reviewSeverity: Severity = options.strict ? 'error' : 'warning';

  for (const page of corpus.pages) {
    const raw = page.frontmatter.raw ?? {};
    const data = page.frontmatter.data;
    const status = statusOf(page);
    const lastReviewed = data?.['last-reviewed'] ?? (typeof raw['last-reviewed'] === 'string' ? raw['last-reviewed'] : undefined);
    const reviewEvery = data?.['review-every'] ?? (typeof raw['review-every'] === 'string' ? raw['review-every'] : undefined);
    const freshness = freshnessOf({ collection: page.collection, lastReviewed, reviewEvery }, config, today);
    const health: PageHealth = {
      file: page.file,
      contentPath: page.contentPath,
      url: page.url,
      collection: page.collection,
      title: typeof raw.title === 'string' && raw.title.trim() !== '' ? raw.title : page.contentPath,
      owner: typeof raw.owner === 'string' ? raw.owner : undefined,
      status,
      service: page.service,
      services: unique([...(page.service ? [page.service] : []), ...(data?.services ?? [])]),
      tags: data?.tags ?? [],
      alerts: data?.alerts ?? [],
      symptoms: data?.symptoms ?? [],
      description: data?.description,
      supersededBy: data?.['superseded-by'],
      freshness,
      lastChanged: options.gitDates?.get(page.file),
      inbound: inbound.get(page.contentPath)?.size ?? 0,
      valid: data !== undefined,
    };
    pages.push(health);
    if (status === 'draft') continue;

    const reviewLine = page.frontmatter.keyLines.get('last-reviewed') ?? 1;
    const inScope = !options.changedFiles || options.changedFiles.has(page.file);
    if (inScope && page.frontmatter.raw) {
      if (raw['last-reviewed'] === undefined) {
        push({
          rule: RULES.neverReviewed,
          severity: 'error',
          file: page.file,
          line: 1,
          column: 1,
          message: 'Missing `last-reviewed`: this page has never been marked reviewed',
          hint: `Read the page through, then run \`npm run review -- ${page.file}\``,
        });
      } else if (freshness.state === 'stale') {
        push({
          rule: RULES.stalePage,
          severity: reviewSeverity,
          file: page.file,
          line: reviewLine,
          column: 1,
          message: `Review overdue by ${describeDays(freshness.daysUntilDue ?? 0)}: last reviewed \`${lastReviewed}\`, due \`${freshness.dueDate}\` (every ${freshness.interval})`,
          hint: `Check the page is still right, then run \`npm run review -- ${page.file}\``,
        });
      } else if (freshness.state === 'due-soon') {
        push({
          rule: RULES.reviewDueSoon,
          severity: 'info',
          file: page.file,
          line: reviewLine,
          column: 1,
          message: `Review due in ${describeDays(freshness.daysUntilDue ?? 0)}: due \`${freshness.dueDate}\``,
          hint: `Run \`npm run review -- ${page.file}\` once it is checked`,
        });
      }
      if (freshness.daysSinceReview !== undefined && freshness.daysSinceReview < 0) {
        push({
          rule: RULES.futureReviewDate,
          severity: 'error',
          file: page.file,
          line: reviewLine,
          column: 1,
          message: `Unexpected \`last-reviewed: ${lastReviewed}\` in the future, expected a date on or before \`${formatIsoDate(today)}\``,
          hint: 'Use the day the page was actually reviewed; `npm run review` writes today',
        });
      }
    }

    if (!data) continue;
    const title = data.title.trim().toLowerCase();
    titles.set(title, [...(titles.get(title) ?? []), page]);
    for (const alert of data.alerts ?? []) alerts.set(alert, [...(alerts.get(alert) ?? []), page]);

    const successor = data['superseded-by'];
    if (successor !== undefined) {
      const target = byPath.get(successor.replace(/^\.?\//, ''));
      const line = page.frontmatter.keyLines.get('superseded-by') ?? 1;
      if (!target || statusOf(target) === 'draft') {
        push({
          rule: RULES.supersededByMissing,
          severity: 'error',
          file: page.file,
          line,
          column: 1,
          message: `Cannot find page \`${successor}\` named by \`superseded-by\`${suggest.forPath(successor)}`,
          hint: 'Write the path from the content folder, e.g. `runbooks/dns/pod-dns-lookups-slow.md`',
        });
      }
    }

    const isEntryPoint = (data.alerts?.length ?? 0) > 0 || allowList.has(page.contentPath) || allowList.has(page.file);
    if (status === 'active' && !isEntryPoint && health.inbound === 0) {
      push({
        rule: RULES.orphanPage,
        severity: reviewSeverity,
        file: page.file,
        line: 1,
        column: 1,
        message: `No other page links to \`${page.contentPath}\``,
        hint: 'Link to it from a related runbook or guide, list the alerts that should open it, or add it to `health.orphanAllowList`',
      });
    }
  }

  // A title or an alert used by several pages: each of them is told which others share it.
  const reportShared = (
    groups: Map<string, PageRecord[]>,
    describe: (key: string, others: string) => Omit<Finding, 'file' | 'line' | 'column'>,
    key: string,
  ) => {
    for (const [value, same] of groups) {
      if (same.length < 2) continue;
      for (const page of same) {
        const others = same
          .filter((other) => other !== page)
          .map((other) => `\`${other.contentPath}\``)
          .join(', ');
        push({ ...describe(value, others), file: page.file, line: page.frontmatter.keyLines.get(key) ?? 1, column: 1 });
      }
    }
  };
  reportShared(
    titles,
    (_title, others) => ({
      rule: RULES.duplicateTitle,
      severity: 'warning',
      message: `Unexpected duplicate title, also used by ${others}`,
      hint: 'Titles are what search shows; make each one say which problem it answers',
    }),
    'title',
  );
  reportShared(
    alerts,
    (alert, others) => ({
      rule: RULES.duplicateAlert,
      severity: 'error',
      message: `Unexpected alert \`${alert}\`, also claimed by ${others}`,
      hint: `\`/alerts/${alert}/\` can open one page only; keep the alert on the page that answers it and link the other`,
    }),
    'alerts',
  );

  const sorted = sortFindings(findings);
  return { today: formatIsoDate(today), pages, findings: sorted, counts: countFindings(sorted), notes: options.notes ?? [] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function anchorHint(page: PageRecord): string {
  const ids = page.scan.headings.map((heading) => `\`#${heading.id}\``);
  return ids.length === 0 ? 'The page has no headings' : `Headings there: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''}`;
}

function suggestAnchor(anchor: string, page: PageRecord): string {
  const match = closestMatch(anchor, page.scan.anchors);
  return match === undefined ? '' : `; did you mean \`#${match}\``;
}

/** Suggestions for mistyped page paths and URLs, built once per run and only when a link is broken. */
function pageSuggestions(corpus: Corpus, byPath: Map<string, PageRecord>, base: string) {
  let paths: Suggester | undefined;
  let urls: Suggester | undefined;
  const folders = new Map<string, Suggester>();
  // A mistyped link usually names a page in the folder it meant: look there first, then everywhere.
  const closestPath = (wanted: string) => {
    const folder = dirnamePosix(wanted);
    let local = folders.get(folder);
    if (!local) {
      local = new Suggester(corpus.pages.filter((page) => dirnamePosix(page.contentPath) === folder).map((page) => page.contentPath));
      folders.set(folder, local);
    }
    return local.closest(wanted) ?? (paths ??= new Suggester(corpus.pages.map((page) => page.contentPath))).closest(wanted);
  };
  return {
    /** `; did you mean …` for a broken page link written in `from`. */
    forLink(from: PageRecord, wanted: string, viaUrl: boolean): string {
      if (viaUrl) {
        const match = (urls ??= new Suggester(corpus.pages.map((page) => page.url))).closest(wanted);
        return match === undefined ? '' : `; did you mean \`${base === '/' ? match : `${base.slice(0, -1)}${match}`}\``;
      }
      const swapped = wanted.endsWith('.mdx') ? wanted.slice(0, -1) : wanted.endsWith('.md') ? `${wanted}x` : undefined;
      const match = swapped !== undefined && byPath.has(swapped) ? swapped : closestPath(wanted);
      return match === undefined ? '' : `; did you mean \`${relativeLink(from.contentPath, match)}\``;
    },
    /** `; did you mean …` for a content path such as `superseded-by`. */
    forPath(wanted: string): string {
      const match = closestPath(wanted);
      return match === undefined ? '' : `; did you mean \`${match}\``;
    },
  };
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

/** Short badge text and details for a page, the same wording everywhere it is shown. */
export function freshnessSummary(freshness: Freshness): { label: string; detail: string } {
  const label = FRESHNESS_LABELS[freshness.state];
  if (freshness.state === 'unknown' || freshness.daysSinceReview === undefined) return { label, detail: 'No valid last-reviewed date' };
  const ago = freshness.daysSinceReview === 0 ? 'today' : `${describeDays(freshness.daysSinceReview)} ago`;
  const due = freshness.state === 'stale' ? `was due ${freshness.dueDate}` : `next review due ${freshness.dueDate}`;
  return { label, detail: `Last reviewed ${freshness.lastReviewed} (${ago}); ${due}` };
}
