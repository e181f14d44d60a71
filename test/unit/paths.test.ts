import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHealthCheck } from '../../src/lib/health/run-check';
import { resolveKbConfig } from '../../src/lib/shared/config';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const runbook = (title: string, reviewed = '2026-11-01') =>
  `---\ntitle: ${title}\nsymptoms: ["${title} is seen"]\nowner: sre\nlast-reviewed: ${reviewed}\n---\n\nText.\n`;
const PATH = `---
title: First DNS page
goal: As a new on-call engineer, I want to handle my first DNS page
steps:
  - page: ../runbooks/dns/slow.md
    why: what the alert means
  - ../runbooks/dns/restart.md
owner: sre
last-reviewed: 2026-11-01
---

Read them in order.
`;

async function check(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'kb-paths-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
    writeFileSync(join(root, 'content', path), text);
  }
  const { report } = await runHealthCheck({
    root,
    config: resolveKbConfig({}),
    today: new Date(Date.UTC(2026, 10, 28)),
    git: false,
    cache: false,
  });
  return report;
}

describe('a guided path', () => {
  it('lists its steps with their pages, and counts as a link to each for the orphan rule', async () => {
    const report = await check({
      'guides/path.md': PATH,
      'runbooks/dns/slow.md': runbook('Slow'),
      'runbooks/dns/restart.md': runbook('Restart'),
    });
    expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([
      expect.objectContaining({ rule: 'orphan-page', file: 'content/guides/path.md' }),
    ]);
    expect(report.pages.find((page) => page.file === 'content/guides/path.md')?.path).toEqual({
      goal: 'As a new on-call engineer, I want to handle my first DNS page',
      steps: [
        { title: 'Slow', url: '/runbooks/dns/slow/', why: 'what the alert means', overdue: false, deprecated: false },
        { title: 'Restart', url: '/runbooks/dns/restart/', why: undefined, overdue: false, deprecated: false },
      ],
    });
  });

  it('fails the check naming the path file and the step line when a step page is removed', async () => {
    const report = await check({ 'guides/path.md': PATH, 'runbooks/dns/slow.md': runbook('Slow') });
    expect(report.findings.filter((finding) => finding.rule === 'path-step-missing')).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'content/guides/path.md',
        line: 7,
        message: 'Cannot lead step 2 to `../runbooks/dns/restart.md`: no such page',
      }),
    ]);
  });

  it('says which steps are overdue, on the path, without touching its own review date', async () => {
    const report = await check({
      'guides/path.md': PATH,
      'runbooks/dns/slow.md': runbook('Slow', '2025-01-10'),
      'runbooks/dns/restart.md': runbook('Restart'),
    });
    expect(report.findings.filter((finding) => finding.rule === 'path-step-stale')).toEqual([
      expect.objectContaining({
        file: 'content/guides/path.md',
        line: 4,
        message: 'Unexpected 1 of 2 steps overdue for review: `runbooks/dns/slow.md`',
      }),
    ]);
    const path = report.pages.find((page) => page.file === 'content/guides/path.md')!;
    expect(path.freshness.state).toBe('fresh');
    expect(path.path?.steps.map((step) => step.overdue)).toEqual([true, false]);
  });

  it('never turns hostile steps into links: script URLs, other hosts, paths out of the content folder, markup', async () => {
    const hostile = `---
title: Hostile path
goal: "<script>alert(1)</script>"
steps:
  - javascript:alert(1)
  - https://evil.example/steal
  - ../../../../etc/passwd
  - page: ../runbooks/dns/slow.md
    why: "<img src=x onerror=alert(2)>"
owner: sre
last-reviewed: 2026-11-01
---

Text.
`;
    const report = await check({ 'guides/hostile.md': hostile, 'runbooks/dns/slow.md': runbook('Slow') });
    const path = report.pages.find((page) => page.file === 'content/guides/hostile.md')!.path!;
    // Only the real page becomes a link; the rest keep their text, which the layout prints as text.
    expect(path.steps.map((step) => step.url)).toEqual([undefined, undefined, undefined, '/runbooks/dns/slow/']);
    expect(path.steps[3].why).toBe('<img src=x onerror=alert(2)>');
    expect(report.findings.filter((finding) => finding.rule === 'path-step-missing').map((finding) => finding.line)).toEqual([5, 6, 7]);
  });
});
