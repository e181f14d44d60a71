import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_CACHE, loadSiteConfig } from '../../scripts/lib/bundle.mjs';

describe('loadSiteConfig (astro.config.mjs)', () => {
  mkdirSync('.tmp', { recursive: true });
  const work = mkdtempSync(join(process.cwd(), '.tmp', 'site-config-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const sites = join(BUNDLE_CACHE, 'config');
  /** The bundle folders made for `file`. */
  const bundlesFor = (file: string) =>
    readdirSync(sites).filter((name) => {
      const note = join(sites, name, 'settings-file.txt');
      return existsSync(note) && readFileSync(note, 'utf8') === file;
    });

  it('builds the site from the settings file and the overrides, and forgets the bundles of sites that are gone', async () => {
    const first = join(work, 'first.kb.config.mjs');
    writeFileSync(first, "export default { base: '/kb/', contentDir: 'pages' };\n");
    const config = await loadSiteConfig(pathToFileURL(first), { title: 'Bundled' });
    expect(config).toMatchObject({ base: '/kb/', trailingSlash: 'always' });
    expect(config.integrations?.map((integration) => (integration as { name: string }).name)).toContain('runbook-kb');
    expect(bundlesFor(first)).toHaveLength(1);

    // An edit to the settings is seen on the next load (a dev server restarted after it).
    writeFileSync(first, "export default { base: '/docs/' };\n");
    expect(await loadSiteConfig(first)).toMatchObject({ base: '/docs/' });

    const second = join(work, 'second.kb.config.mjs');
    writeFileSync(second, 'export default {};\n');
    rmSync(first);
    expect(await loadSiteConfig(second)).toMatchObject({ base: '/' });
    expect(bundlesFor(first)).toEqual([]);
    expect(bundlesFor(second)).toHaveLength(1);
  });

  it('throws a syntax error of the settings file with its file and line, for Astro to report', async () => {
    const broken = join(work, 'broken.kb.config.mjs');
    writeFileSync(broken, "export default {\n  title: 'Unclosed',\n");
    const printed: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      await expect(loadSiteConfig(broken)).rejects.toThrow(/broken\.kb\.config\.mjs:3:0: ERROR: Expected identifier but found end of file/);
    } finally {
      console.error = log;
    }
    expect(printed).toEqual([]);
    // Its folder is forgotten too once the file is gone.
    expect(bundlesFor(broken)).toHaveLength(1);
    rmSync(broken);
    await loadSiteConfig(undefined);
    expect(bundlesFor(broken)).toEqual([]);
  });
});
