import type { AlertRuleDef } from '../../alerts/rule-files.js';
import { fillAlertName, runbookTarget, type RunbookTarget } from '../../alerts/runbook-url.js';
import { closestMatch } from '../../shared/did-you-mean.js';
import { withBase } from '../../shared/paths.js';
import { alertUrl } from '../../shared/routes.js';
import { isPublished, type PageFacts } from '../facts.js';
import { siteRule, type SiteContext, type SiteHit } from '../rule.js';
import { alertAddress, findingAlert, pagesByAlert, ruleOwner } from './support/alert-coverage.js';
import { alertRuleFile, runbook } from './support/examples.js';

/** The link in the page an on-call engineer gets must open the runbook for that alert, not a 404 or another alert's page. */
export default siteRule({
  id: 'runbook-url-broken',
  severity: 'error',
  summary:
    "A rule's `runbook_url` on this site (by `site` and `base`) that leads to no page, to another alert's page, or uses `{{ $labels.alertname }}`, which Prometheus leaves empty",
  section: 'alerts',
  hackDay: { priority: 1, action: 'Fix `runbook_url` of' },
  examples: {
    ok: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }) },
      alertRules: { 'monitoring/storage.yaml': alertRuleFile([{ alert: 'DiskFull', runbookUrl: '/alerts/DiskFull/' }]) },
    },
    notOk: {
      files: {
        'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }),
        'runbooks/storage/disk-slow.md': runbook('Disk slow', undefined, { alerts: ['DiskSlow'] }),
      },
      alertRules: {
        'monitoring/storage.yaml': alertRuleFile([
          { alert: 'DiskFull', runbookUrl: '/alerts/DiskSlow/' },
          { alert: 'DiskSlow', runbookUrl: '/runbooks/storage/disk-slwo/' },
        ]),
      },
    },
  },
  check(site) {
    const rules = (site.alertRules?.rules ?? []).filter((rule) => rule.runbookUrl !== undefined);
    if (rules.length === 0) return [];
    const judge = urlJudge(site);
    const hits: SiteHit[] = [];
    for (const rule of rules) {
      const problem = judge(rule);
      if (problem)
        hits.push({
          file: rule.file,
          line: rule.line,
          column: rule.column,
          owner: ruleOwner(rule, site),
          alert: findingAlert(rule, site),
          ...problem,
        });
    }
    return hits;
  },
});

type Problem = { message: string; hint: string } | undefined;

/** Judges each rule's `runbook_url` against the published pages, with what every judgement shares built once. */
function urlJudge(site: SiteContext): (rule: AlertRuleDef) => Problem {
  const pages = pagesByAlert(site);
  const own = { site: site.config.site, base: site.base };
  let urls: string[] | undefined;
  const pageAt = (url: string) => site.links.byUrl.get(url);
  const pointAt = (rule: AlertRuleDef) =>
    `Point it at \`${alertAddress(rule.alert, site)}\`, which opens the page that lists \`${rule.alert}\` in \`alerts\``;
  return (rule) => {
    const written = rule.runbookUrl ?? '';
    const { templates, filled } = fillAlertName(written, rule.alert);
    if (templates.length === 0) return targetProblem(runbookTarget(written, own), rule, written);
    const target = runbookTarget(filled, own);
    // Another host's URL is not judged, whatever it holds.
    if (target.kind === 'elsewhere') return undefined;
    return {
      message: `Unexpected \`${templates[0]}\` in \`runbook_url\`: Prometheus fills in templates before it adds the \`alertname\` label, so this comes out empty`,
      hint: targetProblem(target, rule, filled) === undefined ? `Write the alert name itself: \`${filled}\`` : pointAt(rule),
    };
  };

  function targetProblem(target: RunbookTarget, rule: AlertRuleDef, written: string): Problem {
    const point = pointAt(rule);
    const mine = pages.get(rule.alert) ?? [];
    switch (target.kind) {
      case 'elsewhere':
        return undefined;
      case 'empty':
        return { message: 'Unexpected empty `runbook_url`', hint: point };
      case 'invalid':
        return { message: `Cannot read \`runbook_url\` \`${written}\` as a URL`, hint: point };
      case 'outside-base':
        return { message: `Cannot find page \`${target.path}\` on this site: it is outside the base path \`${site.base}\``, hint: point };
      case 'alert': {
        // Its own address: a missing runbook lands on a search for the name, and `alert-without-runbook` says so.
        if (target.alert === rule.alert) return undefined;
        const theirs = pages.get(target.alert) ?? [];
        if (theirs.some((page) => mine.includes(page))) return undefined;
        const near =
          target.alert.toLowerCase() === rule.alert.toLowerCase() ? `; did you mean \`${withBase(alertUrl(rule.alert), site.base)}\`` : '';
        return theirs.length > 0
          ? {
              message: `Unexpected \`runbook_url\` \`${written}\`: it opens the runbook of alert \`${target.alert}\` (\`${theirs[0].contentPath}\`), not of \`${rule.alert}\``,
              hint: point,
            }
          : {
              message: `Unexpected \`runbook_url\` \`${written}\`: it names alert \`${target.alert}\`, not \`${rule.alert}\`${near}`,
              hint: point,
            };
      }
      case 'page':
        return pageProblem(target.url, rule, written, mine, point);
    }
  }

  function pageProblem(url: string, rule: AlertRuleDef, written: string, mine: PageFacts[], point: string): Problem {
    const page = pageAt(url);
    if (page && isPublished(page)) {
      if (mine.length > 0 && !mine.includes(page))
        return {
          message: `Unexpected \`runbook_url\` \`${written}\`: it opens \`${page.contentPath}\`, but \`${mine[0].contentPath}\` lists alert \`${rule.alert}\``,
          hint: point,
        };
      const others = page.data?.alerts ?? [];
      if (mine.length === 0 && others.length > 0)
        return {
          message: `Unexpected \`runbook_url\` \`${written}\`: it opens the runbook of alert \`${others[0]}\` (\`${page.contentPath}\`), not of \`${rule.alert}\``,
          hint: `If that page answers \`${rule.alert}\` too, list it in the page's \`alerts\`; otherwise point the URL at the alert's own runbook`,
        };
      return undefined;
    }
    if (page)
      return {
        message: `Cannot find page \`${written}\` on this site: \`${page.file}\` is not built (a draft, or errors \`npm run check\` reports)`,
        hint: point,
      };
    if (site.links.generated.has(url)) return undefined;
    urls ??= site.published.map((published) => published.url);
    const near = closestMatch(url, urls);
    return {
      message: `Cannot find page \`${written}\` on this site${near === undefined ? '' : `; did you mean \`${withBase(near, site.base)}\``}`,
      hint: point,
    };
  }
}
