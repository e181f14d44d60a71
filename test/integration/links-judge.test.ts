import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHealthCheck } from '../../src/lib/health/run-check';
import { loadKbConfig } from '../../src/lib/shared/load-config';
import { brokenHrefs, type BrokenHref } from './dist-links';

const ROOT = 'test/fixtures/site-tricky';
const DIST = join(ROOT, 'dist');

/**
 * The check against the built site itself: every internal `href`/`src` and `#fragment` in `dist/`
 * is resolved, and the broken ones must be exactly the `dangling-link` findings, page by page.
 */
describe('check and the built site agree on broken links', () => {
  let broken: BrokenHref[] = [];
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    build = spawnSync(join(process.cwd(), 'node_modules/.bin/astro'), ['build', '--root', resolve(ROOT)], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, KB_TODAY: '2026-11-28', KB_ALLOW_HEALTH_ERRORS: '1', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    });
    broken = brokenHrefs(DIST, '/kb/');
  });
  afterAll(() => rmSync(DIST, { recursive: true, force: true }));

  it('builds every page but the refused one, and fails because of it', () => {
    expect(build.status, String(build.stderr)).toBe(1);
    expect(String(build.stdout) + String(build.stderr)).toMatch(/Left out 1 file the content policy refused/);
  });

  it('has no broken link in the layout or generated pages', () => {
    expect(broken.filter((item) => !item.inContent)).toEqual([]);
  });

  it('reports exactly the broken links of each built page', async () => {
    const config = await loadKbConfig(ROOT);
    const { report } = await runHealthCheck({ root: ROOT, config, today: new Date('2026-11-28T00:00:00Z'), git: false, cache: false });
    const expected = new Map<string, number>();
    for (const finding of report.findings.filter((f) => f.rule === 'dangling-link'))
      expected.set(finding.file, (expected.get(finding.file) ?? 0) + 1);
    const actual = new Map<string, number>();
    const fileOf = new Map(report.pages.map((page) => [page.url, page.file]));
    for (const item of broken.filter((entry) => entry.inContent)) {
      const file = fileOf.get(item.page) ?? item.page;
      actual.set(file, (actual.get(file) ?? 0) + 1);
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(report.findings.filter((f) => f.rule === 'dangling-link').length).toBeGreaterThan(10);
  });
});
