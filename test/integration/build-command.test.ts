import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSiteConfig } from '../../scripts/bench/site';
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

  it('stops Astro when npm is stopped (a CI job cancelled), and indexes nothing', async () => {
    const out = join(scratch, 'stopped');
    const child = spawn('npm', ['run', '--silent', 'build', '--', '--root', resolve(root), '--outDir', out], {
      env: { ...process.env, KB_TODAY: '2026-11-28', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 128 : null))));
    // Once Astro has started on the content, npm alone is told to stop, as a CI runner does.
    await new Promise<void>((started) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/pages checked/.test(output)) started();
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
    });
    child.kill('SIGTERM');
    expect(await exited, output).not.toBe(0);
    // The wrapper passed the signal on: no Astro of this build is left running, and no index was written.
    const running = () =>
      spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((line) => line.includes('astro.js build') && line.includes(out));
    await expect.poll(running, { timeout: 10_000 }).toEqual([]);
    expect(existsSync(join(out, 'pagefind'))).toBe(false);
  });
});

describe('a build after an edit', () => {
  const project = process.cwd();
  let work: string;
  let site: string;
  let env: Record<string, string>;
  const build = () => {
    const result = spawnSync('npm', ['run', '--silent', 'build', '--', '--root', site], {
      encoding: 'utf8',
      env: { ...process.env, ...env, KB_TODAY: '2026-11-28', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    return output;
  };
  const page = (path: string) => readFileSync(join(site, 'dist', path, 'index.html'), 'utf8');
  /** Every file of the search index and the word counts, by path: their bytes, base64. */
  const searchFiles = () => {
    const dist = join(site, 'dist');
    const files = readdirSync(join(dist, 'pagefind'), { recursive: true, encoding: 'utf8' }).map((file) => `pagefind/${file}`);
    return Object.fromEntries(
      [...files, 'search-terms.json']
        .filter((file) => existsSync(join(dist, file)) && !statSync(join(dist, file)).isDirectory())
        .sort()
        .map((file) => [file, readFileSync(join(dist, file)).toString('base64')]),
    );
  };

  beforeAll(() => {
    mkdirSync(join(project, '.tmp'), { recursive: true });
    work = mkdtempSync(join(project, '.tmp', 'rebuild-'));
    site = join(work, 'site');
    // Three folders below the project, as the fixture is, so its relative imports still resolve.
    cpSync('test/fixtures/site-basic', site, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|\.astro|dist)([\\/]|$)/.test(source.slice('test/fixtures/site-basic'.length)),
    });
    // Configured as the project's own astro.config.mjs is (a prebuilt bundle of the site's code and
    // kb.config.ts), so the rebuilds run what `npm run build` runs for a team, not Vite's loader.
    writeSiteConfig(site, 'Fixture KB', { settingsFile: 'kb.config.ts' });
    env = { KB_CACHE_DIR: join(work, 'cache') };
    // Plain text, the same page as Markdown or as MDX.
    writeFileSync(
      join(site, 'content/runbooks/dns/resolver-restart.mdx'),
      '---\ntitle: Restart the resolver\nowner: team-dns\nlast-reviewed: 2026-11-01\nsymptoms:\n  - resolver answers nothing\n---\n\nRestart the resolver with systemctl.\n',
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('renders only the edited pages again, and the site shows every edit', () => {
    const first = build();
    expect(first).toMatch(/runbooks: 3 pages rendered, 0 pages unchanged since the last build/);
    expect(first).toMatch(/Search: indexed \d+ pages with Pagefind/);
    const guide = page('guides/on-call');

    // Nothing changed: the pages Pagefind reads are byte-identical, so the last build's index is reused, byte for byte.
    const index = searchFiles();
    const unchanged = build();
    expect(unchanged).toMatch(/Search: reused the last build's index of \d+ pages in \d+ ms \(the \d+ pages it reads are byte-identical\)/);
    expect(unchanged).not.toMatch(/Search: indexed/);
    expect(searchFiles()).toEqual(index);

    // An edit that keeps every page's size: the pages' names and sizes match the kept index, so
    // only their bytes tell it apart, and the page is indexed again.
    const markdown = join(site, 'content/runbooks/dns/slow-lookups.md');
    const original = readFileSync(markdown, 'utf8');
    writeFileSync(markdown, original.replace('Use a trailing dot.', 'Use a leading dot.'.padEnd('Use a trailing dot.'.length, '!')));
    const sameSize = build();
    expect(sameSize).toMatch(/Search: indexed \d+ pages with Pagefind/);
    expect(records(join(site, 'dist')).some((record) => record.includes('Use a leading dot.!'))).toBe(true);
    // And put back: the pages are those of the first build again, whose index is no longer kept (one index is).
    writeFileSync(markdown, original);
    expect(build()).toMatch(/Search: indexed \d+ pages with Pagefind/);
    expect(searchFiles()).toEqual(index);

    writeFileSync(markdown, `${readFileSync(markdown, 'utf8')}\nAdded after the first build: flush the resolver cache.\n`);
    const second = build();
    expect(second).toMatch(/runbooks: 1 page rendered, 2 pages unchanged since the last build/);
    // A changed page is indexed again, and search finds the edit.
    expect(second).toMatch(/Search: indexed \d+ pages with Pagefind/);
    expect(records(join(site, 'dist')).some((record) => record.includes('flush the resolver cache'))).toBe(true);
    // The index kept from the first build was not written through: the build after it reads its own pages.
    expect(searchFiles()).not.toEqual(index);
    expect(second).toMatch(/guides: 0 pages rendered, \d+ pages? unchanged since the last build/);
    expect(page('runbooks/dns/slow-lookups')).toContain('Added after the first build: flush the resolver cache.');
    expect(page('guides/on-call')).toBe(guide);

    // An MDX page is compiled with the site, whatever the store holds; a page renamed from MDX to
    // Markdown keeps its id and its bytes, and is rendered as Markdown.
    const mdx = join(site, 'content/runbooks/storage/disk-full.mdx');
    writeFileSync(mdx, `${readFileSync(mdx, 'utf8')}\nAdded after the second build: check the inode count too.\n`);
    const renamed = join(site, 'content/runbooks/dns/resolver-restart');
    renameSync(`${renamed}.mdx`, `${renamed}.md`);
    const third = build();
    expect(third).toMatch(/runbooks: 2 pages rendered, 1 page unchanged since the last build/);
    expect(page('runbooks/storage/disk-full')).toContain('Added after the second build: check the inode count too.');
    expect(page('runbooks/dns/resolver-restart')).toContain('Restart the resolver with systemctl.');
    expect(page('runbooks/dns/slow-lookups')).toContain('Added after the first build: flush the resolver cache.');
  });

  it('writes, after those edits, exactly the pages a build from scratch writes', () => {
    // What the checker's differential tests compare with Astro's pipeline is a page rendered from
    // scratch: pages kept from earlier builds must not differ from it in one byte.
    const fresh = join(work, 'fresh');
    rmSync(join(site, 'node_modules/.astro'), { recursive: true, force: true });
    const result = spawnSync('npm', ['run', '--silent', 'build', '--', '--root', site, '--outDir', fresh], {
      encoding: 'utf8',
      env: { ...process.env, KB_CACHE_DIR: join(work, 'fresh-cache'), KB_TODAY: '2026-11-28', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/runbooks: 3 pages rendered, 0 pages unchanged since the last build/);
    const html = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.html'))
        .sort();
    const kept = join(site, 'dist');
    expect(html(fresh)).toEqual(html(kept));
    for (const file of html(kept)) expect(readFileSync(join(fresh, file), 'utf8'), file).toBe(readFileSync(join(kept, file), 'utf8'));
  });

  it('renders every page again when the store was made by other code or settings', () => {
    // What a change to the Markdown pipeline's code or the site's settings leaves behind.
    writeFileSync(join(site, 'node_modules/.astro/runbook-kb-store.txt'), 'made by an older version of the pipeline');
    expect(build()).toMatch(/runbooks: 3 pages rendered, 0 pages unchanged since the last build/);
  });
});
