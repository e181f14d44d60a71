import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHackDayReport } from '../../src/lib/health/report';
import { runHealthCheck } from '../../src/lib/health/run-check';
import { loadKbConfig } from '../../src/lib/shared/load-config';
import { allText, buildSite, readFragments } from './helpers';

const root = 'test/fixtures/site-basic';
const dist = join(root, 'dist');
const html = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');

describe('building a fixture site with Astro and Pagefind', () => {
  let build: ReturnType<typeof buildSite>;
  beforeAll(() => {
    rmSync(dist, { recursive: true, force: true });
    build = buildSite(root);
  });

  it('builds every published page, the generated pages and a search index', () => {
    expect(build.status, build.output).toBe(0);
    for (const page of [
      'runbooks/dns/slow-lookups',
      'runbooks/storage/disk-full',
      'guides/on-call',
      'services/dns',
      'owners/sre',
      'pages',
      'health',
      'alerts',
      'alerts/FixtureDnsLatency',
      'search',
    ]) {
      expect(existsSync(join(dist, page, 'index.html')), page).toBe(true);
    }
    expect(existsSync(join(dist, '404.html'))).toBe(true);
    expect(existsSync(join(dist, 'pagefind/pagefind.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dist, 'pagefind/pagefind-entry.json'), 'utf8')).languages.en.page_count).toBe(3);
  });

  it('puts symptoms and alerts in the index, as text and as result metadata and filters', () => {
    const fragments = readFragments(dist);
    const dns = fragments.find((f) => f.url === '/runbooks/dns/slow-lookups/');
    expect(dns?.content).toContain('curl to backend.critical-app.svc.cluster.local hangs 10 s, then works');
    expect(dns?.content).toContain('FixtureDnsLatency');
    expect(dns?.meta.symptoms).toBe(
      'curl to backend.critical-app.svc.cluster.local hangs 10 s, then works ␞ read udp 10.0.2.15:44249->8.8.8.8:53: i/o timeout',
    );
    expect(dns?.meta).toMatchObject({
      title: 'Pod DNS lookups stall for ten seconds',
      owner: 'platform-team',
      freshness: 'fresh',
      type: 'Runbook',
    });
    expect(dns?.filters).toMatchObject({ type: ['Runbook'], service: ['dns'], owner: ['platform-team'], freshness: ['Reviewed'] });
  });

  it('compiles `.md` as plain Markdown, so `{` and `<placeholder>` in prose are text', () => {
    const page = html('runbooks/dns/slow-lookups');
    expect(page).toContain('Lookups of a {fully qualified} name');
    expect(page).toContain('a &#x3C;placeholder> in prose');
    expect(page).toContain('<code>&#x3C;service>.&#x3C;namespace></code>');
  });

  it('rewrites source links and site-absolute links to URLs under the base path', () => {
    const page = html('runbooks/dns/slow-lookups');
    expect(page).toContain('href="/kb/runbooks/storage/disk-full/#resolution"');
    expect(page).toContain('href="/kb/guides/on-call/"');
    expect(page).not.toContain('href="/guides/on-call/"');
    expect(html('guides/on-call')).toContain('href="/kb/runbooks/dns/slow-lookups/"');
    expect(html('runbooks/storage/disk-full')).toContain('href="/kb/runbooks/dns/slow-lookups/#diagnosis"');
  });

  it('renders markup in titles and symptoms as text', () => {
    const page = html('runbooks/storage/disk-full');
    expect(page).toContain('Disk full &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('No space left on device &lt;script&gt;alert(2)&lt;/script&gt;');
    // Outside attribute values (where `<` is inert), no script tag from the frontmatter survives.
    expect(page.replace(/="[^"]*"/g, '=""')).not.toContain('<script>alert(');
  });

  it('shows freshness, edit and report links on a runbook', () => {
    const page = html('runbooks/storage/disk-full');
    expect(page).toContain('Review overdue');
    expect(page).toContain('href="https://git.test/kb/edit/main/content/runbooks/storage/disk-full.mdx"');
    expect(page).toContain(
      'https://git.test/kb/issues/new?title=Disk%20full%20%3Cscript%3Ealert(1)%3C%2Fscript%3E&body=content%2Frunbooks%2Fstorage%2Fdisk-full.mdx',
    );
  });

  it('publishes drafts nowhere: pages, index pages, search index, sitemap, health and alert files', () => {
    const everything = allText(dist);
    expect(everything).not.toContain('zebra');
    expect(everything).not.toContain('quokka');
    expect(everything).not.toContain('secret-plans');
  });

  it('redirects alert URLs to their runbook and exports the mapping', () => {
    expect(html('alerts/FixtureDnsLatency')).toContain('<meta http-equiv="refresh" content="0; url=/kb/runbooks/dns/slow-lookups/">');
    expect(JSON.parse(readFileSync(join(dist, 'alerts.json'), 'utf8'))).toEqual({
      FixtureDnsLatency: {
        url: '/kb/runbooks/dns/slow-lookups/',
        title: 'Pod DNS lookups stall for ten seconds',
        file: 'content/runbooks/dns/slow-lookups.md',
        owner: 'platform-team',
      },
    });
    // What the search box and the 404 page read: the same alerts, only the fields they use, on one line.
    const forBrowser = readFileSync(join(dist, 'search-alerts.json'), 'utf8');
    expect(forBrowser).not.toContain('\n');
    expect(JSON.parse(forBrowser)).toEqual({
      FixtureDnsLatency: { url: '/kb/runbooks/dns/slow-lookups/', title: 'Pod DNS lookups stall for ten seconds' },
    });
  });

  it('counts the indexed pages for search-terms.json: every published page, none of the listing pages', () => {
    const stats = JSON.parse(readFileSync(join(dist, 'search-terms.json'), 'utf8')) as { pages: number; minPages: number; terms: object };
    const entry = JSON.parse(readFileSync(join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    // The same pages Pagefind indexed; a fixture this small has no common word.
    expect(stats.pages).toBe(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0));
    expect(stats).toMatchObject({ minPages: 150, terms: {} });
  });

  it('writes search-words.json from the titles, symptoms and alerts of published pages, for words typed with a slip', () => {
    const { words } = JSON.parse(readFileSync(join(dist, 'search-words.json'), 'utf8')) as { words: Record<string, number> };
    expect(words).toMatchObject({ lookups: 1, stall: 1, hangs: 1, timeout: 1, fixture: 1, latency: 1, fixturednslatency: 1 });
    // Not a draft's words, not a body's, and no numbers, addresses or function words.
    expect(Object.keys(words).filter((word) => /quokka|zebra|unpublished|qualified/.test(word))).toEqual([]);
    expect(Object.keys(words).filter((word) => !/^\p{L}{5,24}$|^\p{L}{4}$/u.test(word))).toEqual([]);
    expect(words).not.toHaveProperty('then');
  });

  it('loads nothing from another host', () => {
    const everything = allText(dist).replace(/https:\/\/(kb|git)\.test[^"'\s<]*/g, '');
    expect(everything.match(/(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/g) ?? []).toEqual([]);
    expect(everything).not.toMatch(/@import\s+url\(["']?https?:/);
  });
});

describe('a site with broken content', () => {
  it('fails the build listing every error with file:line, not just the first', () => {
    const build = buildSite('test/fixtures/site-broken');
    expect(build.status).not.toBe(0);
    // The build fails only once every page it can build is written: one bad page costs no other.
    expect(existsSync(join(build.outDir, 'guides/intro/index.html'))).toBe(true);
    expect(existsSync(join(build.outDir, 'runbooks/dns/bad-yaml/index.html'))).toBe(false);
    expect(build.output).toMatch(/Left out 1 file the content policy refused|Left out 2 files the content policy refused/);
    expect(build.output).toMatch(/Content health check failed with \d+ errors?/);
    // A verdict, not a crash: no "unhandled error" framing, no empty stack trace.
    expect(build.output).toContain('Build failed the content health gate.');
    expect(build.output).not.toMatch(/unhandled error|Stack trace/i);
    // /health lists the errors first, before the review queue.
    const health = readFileSync(join(build.outDir, 'health/index.html'), 'utf8');
    expect(health).toMatch(/<h2 id="errors">Errors \(\d+\)<\/h2>/);
    expect(health.indexOf('id="errors"')).toBeLessThan(health.indexOf('id="review"'));
    expect(health).toContain('unknown-key');
    rmSync(build.outDir, { recursive: true, force: true });
    const lines = build.output.split('\n').map((line) => line.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'content/runbooks/dns/bad-yaml.md',
        '4:1     error   Cannot parse the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]  yaml-syntax',
        'content/runbooks/dns/broken-component.mdx',
        '16:23   error   Cannot parse MDX: Could not parse expression with acorn  mdx-syntax',
        'content/runbooks/dns/wrong-keys.md',
        '3:1     error   Unexpected key `symptom`; did you mean `symptoms`  unknown-key',
        '5:1     error   Unexpected `last-reviewed: 2026-02-30`, expected a real date like `2026-03-31`  schema',
        '6:1     error   Unexpected `review-every: soon`, expected a duration like `90d`, `6w`, `6m` or `1y`  schema',
        'content/guides/intro.md',
        '9:6     error   Cannot link to `../runbooks/dns/wrong-keys.md`: the site does not build it  dangling-link',
        '4 pages checked: 8 errors, 1 warning, 0 notices (today 2026-11-28)',
      ]),
    );
  });
});

describe('the sample knowledge base', () => {
  const out = join('.tmp', 'sample-dist');
  let build: ReturnType<typeof buildSite>;
  beforeAll(() => {
    rmSync(out, { recursive: true, force: true });
    build = buildSite('.', out);
  });

  it('builds without errors and renders every heading id the checker computes', async () => {
    expect(build.status, build.output).toBe(0);
    const { facts } = await runHealthCheck({ root: '.', config: await loadKbConfig('.'), today: new Date(), git: false, cache: false });
    let checked = 0;
    for (const page of facts) {
      if (page.kind !== 'page' || page.data?.status === 'draft') continue;
      const rendered = readFileSync(join(out, page.url, 'index.html'), 'utf8');
      const ids = [...rendered.matchAll(/<h[2-6] id="([^"]+)"/g)]
        .map((m) => m[1])
        .filter((id) => id !== 'symptoms-heading' && id !== 'related-heading' && id !== 'path-steps-heading');
      expect(ids, page.file).toEqual(page.headings.filter((h) => h.depth >= 2).map((h) => h.id));
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('shows the same counts on /health, on the home page, in health.json and in npm run report', async () => {
    const { report } = await runHealthCheck({
      root: '.',
      config: await loadKbConfig('.'),
      today: new Date('2026-11-28T00:00:00Z'),
      git: false,
      cache: false,
    });
    const hackDay = buildHackDayReport(report);
    const health = readFileSync(join(out, 'health/index.html'), 'utf8');
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    const published = JSON.parse(readFileSync(join(out, 'health.json'), 'utf8')) as { sections: Record<string, number> };
    const number = (html: string, pattern: RegExp) => Number(pattern.exec(html.replace(/\s+/g, ' '))?.[1]);
    const fromHealth = {
      review: number(health, /<strong>(\d+)<\/strong> overdue for review/),
      'due-soon': number(health, /<strong>(\d+)<\/strong> due soon/),
      links: number(health, /<strong>(\d+)<\/strong> broken links?/),
      orphans: number(health, /<strong>(\d+)<\/strong> orphan pages?/),
    };
    const fromHome = {
      review: number(home, /<strong>(\d+)<\/strong> review overdue/),
      'due-soon': number(home, /<strong>(\d+)<\/strong> review due soon/),
      links: number(home, /<strong>(\d+)<\/strong> broken links/),
      orphans: number(home, /<strong>(\d+)<\/strong> orphan pages/),
    };
    const expected = {
      review: report.sections.review,
      'due-soon': report.sections['due-soon'],
      links: report.sections.links,
      orphans: report.sections.orphans,
    };
    expect(fromHealth).toEqual(expected);
    expect(fromHome).toEqual(expected);
    // The summary counts errors too; on the home page the counters come after what a reader came for.
    expect(number(health, /<strong>(\d+)<\/strong> errors?/)).toBe(report.counts.error);
    expect(home.indexOf('Browse by service')).toBeLessThan(home.indexOf('class="stats"'));
    expect(hackDay.sections).toEqual(report.sections);
    expect(published.sections).toEqual(report.sections);
    expect(expected.review + expected['due-soon']).toBeGreaterThan(0);
  });
});
