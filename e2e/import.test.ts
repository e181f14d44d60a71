import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, search, type SiteSession } from './site';

// A knowledge base made only of imported pages: the imported alert runbooks must build and be found by their alert names.
const root = resolve('.tmp/e2e-import-site');
const shapes = ['alert-runbooks', 'multi-alert', 'hugo', 'service-runbooks', 'mkdocs', 'dev-docs'];

function importShape(shape: string) {
  const run = spawnSync(
    process.execPath,
    [
      resolve('scripts/kb.mjs'),
      'import',
      resolve('test/fixtures/import', shape),
      '--root',
      root,
      '--into',
      shape,
      '--owner',
      'sre',
      '--reviewed',
      '2026-11-01',
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`import of ${shape} failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.stringify(run.stdout);
}

describe('imported runbooks in Chromium', () => {
  let site: SiteSession;
  const previous = process.env.KB_ALLOW_HEALTH_ERRORS;
  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'content'), { recursive: true });
    writeFileSync(
      join(root, 'astro.config.mjs'),
      [
        "import { defineConfig } from 'astro/config';",
        "import { resolveKbConfig } from '../../src/lib/shared/config.ts';",
        "import { siteConfig } from '../../src/integrations/site-config.ts';",
        "export default defineConfig(siteConfig(resolveKbConfig({ title: 'Imported KB' })));",
      ].join('\n'),
    );
    shapes.forEach(importShape);
    // The sources already had broken links: the one-run switch builds past them, as the README says.
    process.env.KB_ALLOW_HEALTH_ERRORS = '1';
    site = await openSite(root, join(root, 'dist'));
  }, 240_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.KB_ALLOW_HEALTH_ERRORS;
    else process.env.KB_ALLOW_HEALTH_ERRORS = previous;
    await site?.close();
  });

  it('builds every imported page', () => {
    const alerts = JSON.parse(readFileSync(join(root, 'dist/alerts.json'), 'utf8'));
    for (const name of ['KubePodCrashLooping', 'etcdNoLeader', 'NodeFilesystemSpaceFillingUp', 'KubeAPIDown', 'KubeNodeNotReady'])
      expect(alerts[name], name).toBeDefined();
    for (const page of [
      'runbooks/alert-runbooks/alerts/etcd/etcd-no-leader',
      'runbooks/multi-alert/runbook',
      'runbooks/hugo/kubernetes/kube-pod-crash-looping',
      'guides/mkdocs/runbooks/disk-full',
      'guides/dev-docs/restart-app',
      'guides/service-runbooks/patroni/replication-lag',
    ])
      expect(existsSync(join(root, 'dist', page, 'index.html')), page).toBe(true);
  });

  it('opens a page documenting several alerts at the alert’s own heading', async () => {
    const alerts = JSON.parse(readFileSync(join(root, 'dist/alerts.json'), 'utf8'));
    expect(alerts.KubeAPIDown.url).toBe('/runbooks/multi-alert/runbook/#kubeapidown');
    expect(alerts.KubeAPIErrorsHigh.url).toBe('/runbooks/multi-alert/runbook/#alert-name-kubeapierrorshigh');
    expect(alerts.KubeDeploymentReplicasMismatch.url).toBe(
      '/runbooks/alert-runbooks/alerts/kube-state-metrics/kube-deployment-replicas-mismatch/',
    );
    const page = await site.newPage();
    await page.goto(`${site.url}alerts/KubeAPIErrorsHigh/`);
    await page.waitForURL(/runbook\/#alert-name-kubeapierrorshigh$/);
    await expect(page.locator('#alert-name-kubeapierrorshigh').textContent()).resolves.toContain('KubeAPIErrorsHigh');
  });

  it('finds each imported alert runbook first by its alert name', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const expected: [string, string][] = [
      ['KubeDeploymentReplicasMismatch', 'KubeDeploymentReplicasMismatch'],
      ['NodeFilesystemSpaceFillingUp', 'NodeFilesystemSpaceFillingUp'],
      ['KubeNodeNotReady', 'Kube Node Not Ready'],
      ['KubeAPIErrorsHigh', 'Kubernetes alert runbook'],
    ];
    for (const [query, title] of expected) {
      const { titles } = await search(page, query);
      expect(titles[0], query).toBe(title);
    }
  });
});
