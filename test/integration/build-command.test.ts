import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, readFragments } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'kb-build-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `npm run build -- <args>` as a user runs it: `astro build`, then the search index once Astro has exited. */
function npmRunBuild(args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', 'build', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, KB_TODAY: '2026-11-28', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A search record as the browser gets it, without Pagefind's internal ids. */
const records = (site: string) =>
  readFragments(site)
    .map(({ url, content, meta, filters }) => JSON.stringify({ url, content, meta, filters }))
    .sort();

describe('npm run build', () => {
  const root = 'test/fixtures/site-basic';
  const apart = join(scratch, 'apart');
  const inProcess = join(scratch, 'in-process');
  let build: ReturnType<typeof npmRunBuild>;
  beforeAll(() => {
    build = npmRunBuild(['--root', resolve(root), '--outDir', apart]);
    expect(buildSite(root, inProcess).status).toBe(0);
  });

  it('indexes the site once Astro has exited, and says so', () => {
    expect(build.status, build.output).toBe(0);
    const lines = build.output.split('\n');
    const astroDone = lines.findIndex((line) => /\[build\] Complete!/.test(line));
    const indexed = lines.findIndex((line) => /\[runbook-kb\] Search: indexed \d+ pages with Pagefind in \d+ ms$/.test(line));
    expect(astroDone).toBeGreaterThan(-1);
    expect(indexed).toBeGreaterThan(astroDone);
    expect(build.output).toContain('the search index is written once Astro has exited');
  });

  it('writes the same search index and word counts as indexing inside `astro build`', () => {
    expect(records(apart)).toEqual(records(inProcess));
    expect(records(apart).some((record) => record.includes('/runbooks/dns/slow-lookups/'))).toBe(true);
    expect(readFileSync(join(apart, 'search-terms.json'), 'utf8')).toBe(readFileSync(join(inProcess, 'search-terms.json'), 'utf8'));
  });

  it('still fails on what the content gate refuses, with every good page built and indexed', () => {
    const out = join(scratch, 'broken');
    const broken = npmRunBuild(['--root', resolve('test/fixtures/site-broken'), '--outDir', out]);
    expect(broken.status, broken.output).toBe(1);
    expect(broken.output).toContain('Build failed the content health gate.');
    expect(existsSync(join(out, 'guides/intro/index.html'))).toBe(true);
    expect(records(out).some((record) => record.includes('/guides/intro/'))).toBe(true);
  });

  it('passes Astro’s failure on and indexes nothing when Astro stops before writing the site', () => {
    const site = join(scratch, 'bad-config');
    const out = join(site, 'dist');
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'astro.config.mjs'), "throw new Error('config broken on purpose');\n");
    const failed = npmRunBuild(['--root', site]);
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('config broken on purpose');
    expect(failed.output).not.toMatch(/Search: indexed/);
    expect(existsSync(join(out, 'pagefind'))).toBe(false);
  });
});
