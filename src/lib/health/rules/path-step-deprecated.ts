import { statusOf } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/** A path walking its reader through a deprecated page teaches what the team stopped doing. */
export default siteRule({
  id: 'path-step-deprecated',
  severity: 'warning',
  summary: 'A step of a guided path leads to a deprecated page; the hint names its successor',
  section: 'links',
  hackDay: { priority: 2, action: 'Update the step in' },
  examples: {
    ok: {
      files: { 'guides/path.md': guide('Path', 'Go.\n', { steps: ['../runbooks/dns/new.md'] }), 'runbooks/dns/new.md': runbook('New') },
    },
    notOk: {
      files: {
        'guides/path.md': guide('Path', 'Go.\n', { steps: ['../runbooks/dns/old.md'] }),
        'runbooks/dns/old.md': runbook('Old', undefined, { status: 'deprecated', 'superseded-by': 'runbooks/dns/new.md' }),
        'runbooks/dns/new.md': runbook('New'),
      },
    },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      for (const step of site.links.steps.get(page.contentPath) ?? []) {
        if (!step.to || statusOf(step.to) !== 'deprecated') continue;
        const successor = step.to.data?.['superseded-by'];
        hits.push({
          file: page.file,
          line: step.line,
          message: `Unexpected step ${step.index + 1} \`${step.page}\`: the page is deprecated`,
          hint: successor
            ? `Point the step at its successor, \`${successor}\``
            : 'Point the step at the page that replaced it, or remove the step',
        });
      }
    }
    return hits;
  },
});
