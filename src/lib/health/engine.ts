import type { AlertRuleSet } from '../alerts/rule-files.js';
import type { Collection, Frontmatter } from '../content/schema.js';
import type { KbConfig } from '../shared/config.js';
import { normaliseBase } from '../shared/paths.js';
import { printable } from '../shared/printable.js';
import { isPublished, rawText, statusOf, type PageFacts } from './facts.js';
import { countFindings, sortFindings, type Finding } from './findings.js';
import { formatIsoDate, freshnessOf, type Freshness } from './freshness.js';
import { buildLinkGraph, routedPage } from './link-graph.js';
import { ruleById, SITE_RULES } from './registry.js';
import type { HealthSection, Severity, SiteContext } from './rule.js';
import { countSections } from './summary.js';

/** What the site, the report and the CLI show about one page. */
export interface PageHealth {
  file: string;
  contentPath: string;
  url: string;
  collection: Collection;
  title: string;
  owner?: Frontmatter['owner'];
  status: Frontmatter['status'];
  service?: string;
  services: string[];
  tags: NonNullable<Frontmatter['tags']>;
  alerts: NonNullable<Frontmatter['alerts']>;
  symptoms: NonNullable<Frontmatter['symptoms']>;
  description?: Frontmatter['description'];
  supersededBy?: Frontmatter['superseded-by'];
  freshness: Freshness;
  /** YYYY-MM-DD of the last git commit touching the file, when known. */
  lastChanged?: string;
  /**
   * Alert → heading id, on a page answering several alerts under a heading each (`### KubeAPIDown`,
   * `##### Alert Name: "KubeAPIDown"`): `/alerts/<name>/` opens at that heading.
   */
  alertAnchors: Record<string, string>;
  /** A guided path (`steps`): its goal and its steps, each with the page it leads to. */
  path?: GuidedPath;
  /** Number of other published pages linking here. */
  inbound: number;
  /** True when the frontmatter is valid. */
  valid: boolean;
  /** True when the site builds the page (`isPublished`). */
  published: boolean;
}

/** What a path page and its step pages show: the goal, and each step's page and why. */
export interface GuidedPath {
  goal?: string;
  steps: { title: string; url?: string; why?: string; overdue: boolean; deprecated: boolean }[];
}

export interface HealthOptions {
  config: KbConfig;
  today: Date;
  /** Astro `base`, so site-absolute links written with it resolve. */
  base?: string;
  /** Stale pages and orphans become errors. */
  strict?: boolean;
  /** Health errors become warnings for one run (never content-policy refusals): `KB_ALLOW_HEALTH_ERRORS`. */
  downgradeErrors?: boolean;
  /** From `readGitDates`. */
  gitDates?: Map<string, string>;
  /** Limit review findings to these files (project-relative), as `--changed-since` does. */
  changedFiles?: Set<string>;
  /** Whether a site-absolute asset such as `/images/x.png` exists in `public/`. */
  publicFileExists?: (sitePath: string) => boolean;
  /** Notes to carry into the report (shallow clone, no git). */
  notes?: string[];
  /** The alerting rules that `alertRules` / `--alert-rules` name, read once per run (`readAlertRules`). */
  alertRules?: AlertRuleSet;
}

export interface HealthReport {
  today: string;
  pages: PageHealth[];
  findings: Finding[];
  counts: Record<Severity, number>;
  /** Findings per `/health` section, from the same findings as `counts`. */
  sections: Record<HealthSection, number>;
  /** Files the content policy refused: the site leaves them out. */
  refused: string[];
  notes: string[];
}

/**
 * Judges the whole knowledge base from its files' facts: the file rules' findings (cached with
 * each file), then every site rule of the registry, then the configured severities.
 * Nothing here throws for bad content.
 */
export function checkHealth(facts: PageFacts[], options: HealthOptions): HealthReport {
  const { config, today } = options;
  const byPath = new Map(facts.map((page) => [page.contentPath, page]));
  const freshness = new Map<PageFacts, Freshness>();
  const site: SiteContext = {
    config,
    today,
    base: normaliseBase(options.base ?? config.base),
    strict: options.strict ?? config.health.strict,
    contentDir: config.contentDir,
    pages: facts,
    published: facts.filter(isPublished),
    byPath,
    files: new Set(facts.map((page) => page.contentPath)),
    links: buildLinkGraph(facts, byPath, normaliseBase(options.base ?? config.base)),
    freshness: (page) => freshness.get(page) ?? freshness.set(page, freshnessFor(page, config, today)).get(page)!,
    changedFiles: options.changedFiles,
    publicFileExists: options.publicFileExists ?? (() => true),
    alertRules: options.alertRules,
  };
  const found: Finding[] = facts.flatMap((page) => page.findings);
  for (const rule of SITE_RULES) {
    // A rule switched off in kb.config.ts is not run at all (its findings would be dropped anyway).
    if (config.rules[rule.id] === 'off') continue;
    for (const hit of rule.check(site)) {
      found.push({
        rule: rule.id,
        severity: hit.severity ?? rule.severity,
        file: hit.file,
        line: hit.line,
        column: hit.column ?? 1,
        message: printable(hit.message),
        hint: hit.hint === undefined ? undefined : printable(hit.hint),
        ...(hit.owner !== undefined && { owner: hit.owner }),
        ...(hit.alert !== undefined && { alert: hit.alert }),
      });
    }
  }
  const findings = sortFindings(applySeverities(found, config, options.downgradeErrors ?? false));
  const pages = facts.filter((page) => page.kind === 'page' && page.collection).map((page) => pageHealth(page, site, options));
  return {
    today: formatIsoDate(today),
    pages,
    findings,
    counts: countFindings(findings),
    sections: countSections(findings),
    refused: facts.filter((page) => page.refused).map((page) => page.file),
    notes: options.notes ?? [],
  };
}

/** `kb.config.ts` `rules` severities, then the one-run downgrade; content-policy rules keep theirs. */
function applySeverities(findings: Finding[], config: KbConfig, downgrade: boolean): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const rule = ruleById(finding.rule);
    const configured = rule?.refuses ? undefined : config.rules[finding.rule];
    if (configured === 'off') continue;
    let severity = configured ?? finding.severity;
    if (downgrade && severity === 'error' && !rule?.refuses) severity = 'warning';
    result.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return result;
}

function freshnessFor(page: PageFacts, config: KbConfig, today: Date): Freshness {
  return freshnessOf(
    {
      collection: page.collection ?? 'guides',
      lastReviewed: page.data?.['last-reviewed'] ?? rawText(page, 'last-reviewed'),
      reviewEvery: page.data?.['review-every'] ?? rawText(page, 'review-every'),
    },
    config,
    today,
  );
}

function pageHealth(page: PageFacts, site: SiteContext, options: HealthOptions): PageHealth {
  const data = page.data;
  const routed = routedPage(page);
  const title = rawText(page, 'title');
  return {
    file: page.file,
    contentPath: page.contentPath,
    url: page.url,
    collection: page.collection ?? 'guides',
    title: title !== undefined && title.trim() !== '' ? title : page.contentPath,
    owner: rawText(page, 'owner'),
    status: statusOf(page),
    service: page.service,
    services: routed.services,
    tags: routed.tags,
    alerts: routed.alerts,
    alertAnchors: alertAnchors(routed.alerts, page),
    path: guidedPath(page, site),
    symptoms: data?.symptoms ?? [],
    description: data?.description,
    supersededBy: data?.['superseded-by'],
    freshness: site.freshness(page),
    lastChanged: options.gitDates?.get(page.file),
    inbound: site.links.inbound.get(page.contentPath)?.size ?? 0,
    valid: data !== undefined,
    published: isPublished(page),
  };
}

/** The first heading naming each alert as a word of its own, when a page answers more than one alert. */
export function alertAnchors(alerts: string[], page: Pick<PageFacts, 'headings'>): Record<string, string> {
  if (alerts.length < 2) return {};
  const anchors: [string, string][] = [];
  for (const alert of alerts) {
    const word = new RegExp(`(?:^|[^A-Za-z0-9_:])${alert.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^A-Za-z0-9_:])`);
    const heading = page.headings.find((candidate) => word.test(candidate.text));
    if (heading) anchors.push([alert, heading.id]);
  }
  // Own keys, whatever the alert's name: `anchors['__proto__'] = id` would set no key at all.
  return Object.fromEntries(anchors);
}

/** The steps of a guided path as its pages show them; a step leading nowhere keeps its link text. */
function guidedPath(page: PageFacts, site: SiteContext): GuidedPath | undefined {
  if (!page.data?.steps) return undefined;
  return {
    goal: page.data.goal,
    steps: (site.links.steps.get(page.contentPath) ?? []).map((step) => {
      const to = step.to && isPublished(step.to) ? step.to : undefined;
      return {
        title: (to && rawText(to, 'title')) ?? step.page,
        url: to?.url,
        why: step.why,
        overdue: to ? site.freshness(to).state === 'stale' : false,
        deprecated: to ? statusOf(to) === 'deprecated' : false,
      };
    }),
  };
}
