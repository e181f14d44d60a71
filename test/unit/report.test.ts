import { describe, expect, it } from 'vitest';
import { resolveKbConfig } from '../../src/lib/shared/config';
import { buildHackDayReport, formatHackDayMarkdown } from '../../src/lib/health/report';
import { runHealthCheck } from '../../src/lib/health/run-check';

const report = runHealthCheck({
  root: 'test/fixtures/health',
  config: resolveKbConfig({ health: { orphanAllowList: ['guides/index.md'] } }),
  today: new Date(Date.UTC(2026, 10, 28)),
  base: '/kb/',
  git: false,
});

describe('hack-day report', () => {
  it('groups work by owner, biggest list first, overdue reviews before links and orphans', () => {
    const hackDay = buildHackDayReport(report);
    expect(hackDay.counts).toEqual({ overdue: 1, dueSoon: 1, danglingLinks: 7, orphans: 1, otherErrors: 5, pages: 7 });
    expect(hackDay.owners.map((o) => [o.owner, o.items.map((i) => `${i.rule} ${i.file}:${i.line}`)])).toEqual([
      [
        'storage-team',
        [
          'stale-page content/runbooks/storage/disk.mdx:5',
          'dangling-link content/runbooks/storage/disk.mdx:14',
          'dangling-link content/runbooks/storage/disk.mdx:15',
          'superseded-by-missing content/runbooks/storage/old.md:7',
          'orphan-page content/runbooks/storage/lonely.md:1',
          'deprecated-link content/runbooks/storage/disk.mdx:16',
          'review-due-soon content/runbooks/storage/lonely.md:5',
          'future-review-date content/runbooks/storage/alerted.md:6',
          'duplicate-alert content/runbooks/storage/disk.mdx:6',
          'duplicate-alert content/runbooks/storage/old.md:8',
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

  it('filters to one owner', () => {
    const hackDay = buildHackDayReport(report, { owner: 'platform-team' });
    expect(hackDay.owners.map((o) => o.owner)).toEqual(['platform-team']);
    expect(hackDay.counts.danglingLinks).toBe(5);
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
      '7 pages · **1** overdue for review · **2** broken links · **1** orphan pages · 1 due soon · 4 other errors',
      '',
      '## storage-team (10)',
    ]);
    expect(lines[6]).toBe(
      '- [ ] Review [Disk full](https://kb.test/kb/runbooks/storage/disk/): overdue by 5 months (last reviewed 2026-01-05, due 2026-07-04) — [`content/runbooks/storage/disk.mdx:5`](https://git.test/edit/content/runbooks/storage/disk.mdx)',
    );
    expect(lines.filter((line) => line.startsWith('- [ ] '))).toHaveLength(10);
  });
});
