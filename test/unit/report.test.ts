import { beforeAll, describe, expect, it } from 'vitest';
import { resolveKbConfig } from '../../src/lib/shared/config';
import type { HealthReport } from '../../src/lib/health/engine';
import { buildHackDayReport, formatHackDayMarkdown } from '../../src/lib/health/report';
import { runHealthCheck } from '../../src/lib/health/run-check';

let report: HealthReport;
beforeAll(async () => {
  ({ report } = await runHealthCheck({
    root: 'test/fixtures/health',
    config: resolveKbConfig({ health: { orphanAllowList: ['guides/index.md'] } }),
    today: new Date(Date.UTC(2026, 10, 28)),
    base: '/kb/',
    git: false,
    cache: false,
  }));
});

describe('hack-day report', () => {
  it('groups work by owner, biggest list first, overdue reviews before links and orphans', () => {
    const hackDay = buildHackDayReport(report);
    // The same section counts as `check` and `/health`, and every finding is an item.
    expect(hackDay.sections).toEqual(report.sections);
    expect(hackDay.sections).toEqual({ policy: 0, review: 1, 'due-soon': 1, links: 8, orphans: 1, alerts: 0, content: 7 });
    expect(hackDay.pages).toBe(7);
    expect(hackDay.owners.flatMap((o) => o.items)).toHaveLength(report.findings.length);
    // Within an owner: the priority each rule declares, then most overdue, then file and line.
    expect(hackDay.owners.map((o) => [o.owner, o.items.map((i) => `${i.rule} ${i.file}:${i.line}`)])).toEqual([
      [
        'storage-team',
        [
          'stale-page content/runbooks/storage/disk.mdx:5',
          'future-review-date content/runbooks/storage/alerted.md:6',
          'duplicate-alert content/runbooks/storage/disk.mdx:6',
          'dangling-link content/runbooks/storage/disk.mdx:14',
          'dangling-link content/runbooks/storage/disk.mdx:15',
          'superseded-by-missing content/runbooks/storage/old.md:7',
          'duplicate-alert content/runbooks/storage/old.md:8',
          'orphan-page content/runbooks/storage/lonely.md:1',
          'duplicate-title content/runbooks/storage/disk.mdx:2',
          'deprecated-link content/runbooks/storage/disk.mdx:16',
          'duplicate-title content/runbooks/storage/old.md:2',
          'review-due-soon content/runbooks/storage/lonely.md:5',
        ],
      ],
      [
        'platform-team',
        [
          'dangling-link content/runbooks/dns/ndots.md:10',
          'dangling-link content/runbooks/dns/ndots.md:11',
          'dangling-link content/runbooks/dns/ndots.md:13',
          'dangling-link content/runbooks/dns/ndots.md:20',
          'dangling-link content/runbooks/dns/ndots.md:22',
        ],
      ],
      ['(no owner)', ['misplaced-file content/stray.md:1']],
    ]);
  });

  it('takes the checklist verb from the rule', () => {
    const actions = Object.fromEntries(buildHackDayReport(report).owners.flatMap((o) => o.items.map((i) => [i.rule, i.action])));
    expect(actions).toEqual({
      'stale-page': 'Review',
      'future-review-date': 'Fix review date of',
      'duplicate-alert': 'Choose one page for the alert in',
      'dangling-link': 'Fix link in',
      'superseded-by-missing': 'Fix `superseded-by` in',
      'orphan-page': 'Link to',
      'duplicate-title': 'Retitle',
      'deprecated-link': 'Update link in',
      'review-due-soon': 'Review soon',
      'misplaced-file': 'Move',
    });
  });

  it('filters to one owner', () => {
    const hackDay = buildHackDayReport(report, { owner: 'platform-team' });
    expect(hackDay.owners.map((o) => o.owner)).toEqual(['platform-team']);
    expect(hackDay.sections.links).toBe(5);
    expect(hackDay.sections).toEqual({ policy: 0, review: 0, 'due-soon': 0, links: 5, orphans: 0, alerts: 0, content: 0 });
  });

  it('writes a Markdown checklist with edit links', () => {
    const markdown = formatHackDayMarkdown(buildHackDayReport(report, { owner: 'storage-team' }), {
      editUrl: (file) => `https://git.test/edit/${file}`,
      pageUrl: (url) => `https://kb.test/kb${url}`,
    });
    const lines = markdown.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# Documentation hack day: 2026-11-28',
      '',
      '4 pages · **1** overdue for review · **3** broken links · **1** orphan pages · 1 due soon · 6 other findings',
      '',
      '## storage-team (12)',
    ]);
    expect(lines[6]).toBe(
      '- [ ] Review [Disk full](https://kb.test/kb/runbooks/storage/disk/): overdue by 5 months (last reviewed 2026-01-05, due 2026-07-04) — [`content/runbooks/storage/disk.mdx:5`](https://git.test/edit/content/runbooks/storage/disk.mdx)',
    );
    expect(lines[7]).toBe(
      '- [ ] Fix review date of [RAID degraded](https://kb.test/kb/runbooks/storage/alerted/): Unexpected \\`last-reviewed: 2027-01-01\\` in the future, expected a date on or before \\`2026-11-28\\` — [`content/runbooks/storage/alerted.md:6`](https://git.test/edit/content/runbooks/storage/alerted.md)',
    );
    expect(lines.slice(-2)).toEqual([
      '- [ ] Review soon [Nobody links here](https://kb.test/kb/runbooks/storage/lonely/): due in 9 days (2026-12-07) — [`content/runbooks/storage/lonely.md:5`](https://git.test/edit/content/runbooks/storage/lonely.md)',
      '',
    ]);
    expect(lines.filter((line) => line.startsWith('- [ ] '))).toHaveLength(12);
  });

  it('counts other findings in the header only when there are some', () => {
    const markdown = formatHackDayMarkdown(buildHackDayReport(report, { owner: 'platform-team' }));
    expect(markdown.split('\n')[2]).toBe('1 pages · **0** overdue for review · **5** broken links · **0** orphan pages · 0 due soon');
  });
});
