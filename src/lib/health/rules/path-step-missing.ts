import { isPublished, statusOf } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/** A guided path that sends its reader to a page the site does not have has lost a step. */
export default siteRule({
  id: 'path-step-missing',
  severity: 'error',
  summary: 'A step of a guided path (`steps`) leads to a page the site does not build: missing, a draft, or refused',
  section: 'links',
  hackDay: { priority: 1, action: 'Fix the step in' },
  examples: {
    ok: {
      files: {
        'guides/path.md': guide('Path', 'Read them in order.\n', {
          goal: 'As a new engineer, I want to learn DNS',
          steps: ['../runbooks/dns/a.md'],
        }),
        'runbooks/dns/a.md': runbook('A'),
      },
    },
    notOk: {
      files: {
        'guides/path.md': guide('Path', 'Read them in order.\n', {
          steps: ['../runbooks/dns/a.md', { page: '../runbooks/dns/gone.md', why: 'the second step' }],
        }),
        'runbooks/dns/a.md': runbook('A'),
      },
    },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      for (const step of site.links.steps.get(page.contentPath) ?? []) {
        if (step.to && isPublished(step.to)) continue;
        const why = !step.to ? 'no such page' : statusOf(step.to) === 'draft' ? 'it is a draft' : 'the site does not build it';
        hits.push({
          file: page.file,
          line: step.line,
          message: `Cannot lead step ${step.index + 1} to \`${step.page}\`: ${why}`,
          hint: 'Steps are source links from this file, like its other links (`../runbooks/dns/pod-dns-lookups-slow.md`); point the step at the page that replaced it, or remove it',
        });
      }
    }
    return hits;
  },
});
