import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asLargeIndex, openSite, search, type SiteSession } from './site';

// The policy of src/components/ContentSecurityPolicy.astro, written out again on purpose: loosening it must change this test too.
const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'none'; connect-src 'self'; worker-src 'self'";

/** One page of each kind the site has, with what to wait for before looking. */
const PAGES: { name: string; path: string; landsOn?: RegExp; results?: boolean }[] = [
  { name: 'home', path: '' },
  { name: 'runbook', path: 'runbooks/dns/pod-dns-lookups-slow/' },
  { name: 'runbook with code blocks', path: 'runbooks/openstack/gpu-migration-pci-in-use/' },
  { name: 'guide', path: 'guides/writing-a-runbook/' },
  { name: 'search', path: 'search/?q=disk%20full', results: true },
  { name: 'tag', path: 'tags/dns/' },
  { name: 'tag index', path: 'tags/' },
  { name: 'service', path: 'services/dns/' },
  { name: 'owner', path: 'owners/storage-team/' },
  { name: 'all pages', path: 'pages/' },
  { name: 'alerts', path: 'alerts/' },
  { name: 'health', path: 'health/' },
  { name: 'alert redirect', path: 'alerts/CoreDNSLatencyHigh/', landsOn: /\/runbooks\/dns\/pod-dns-lookups-slow\/$/ },
  { name: 'unknown alert (404)', path: 'alerts/HighCPUUsage/', results: true },
  { name: '404', path: 'runbooks/storage/raid-degraded-array/', results: true },
];

/**
 * Records what the browser refused or failed at in `page`, across navigations: policy violations
 * (reported through the console, which Chromium also fills with "violates the following Content
 * Security Policy directive" errors), console errors and uncaught exceptions.
 */
async function watch(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('csp-violation ')) problems.push(text);
    else if (message.type() === 'error') {
      // The 404 page's own status is logged as a failed load; that is what a 404 page is.
      const own = /status of 404/.test(text) && message.location().url === page.url();
      if (!own) problems.push(`console error: ${text} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.log(
        `csp-violation ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  return { problems };
}

/** Lets queued violation reports and console messages arrive before they are read. */
const settle = (page: Page) => page.waitForTimeout(300);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
}

/**
 * Parses every built HTML file with Chromium's own parser (as a browser would read it, so markup
 * inside attribute values or code blocks is not mistaken for tags) and lists what a strict policy
 * would block or what shows the policy is missing or misplaced.
 */
async function scanBuiltHtml(site: SiteSession, dir: string): Promise<{ files: number; findings: string[] }> {
  const files = htmlFiles(dir).map((file) => ({ file, html: readFileSync(join(dir, file), 'utf8') }));
  const page = await site.newPage();
  await page.goto('about:blank');
  const findings = await page.evaluate(
    ({ files, policy }) => {
      const found: string[] = [];
      for (const { file, html } of files) {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
        if (metas.length !== 1) found.push(`${file}: ${metas.length} Content-Security-Policy meta elements`);
        const meta = metas[0];
        if (meta && meta.getAttribute('content') !== policy) found.push(`${file}: policy is ${meta.getAttribute('content')}`);
        if (meta && meta.parentElement !== doc.head) found.push(`${file}: the policy is not in <head>`);
        // A policy applies only to what comes after it.
        const first = doc.querySelector('script, style, link[rel~="stylesheet"], link[rel~="modulepreload"], link[rel~="preload"]');
        if (meta && first && meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_PRECEDING)
          found.push(`${file}: <${first.localName}> comes before the policy`);
        for (const script of doc.querySelectorAll('script:not([src])'))
          found.push(`${file}: inline script ${JSON.stringify(script.textContent?.trim().slice(0, 80))}`);
        for (const element of doc.querySelectorAll('*')) {
          for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name))
              found.push(`${file}: <${element.localName} ${attribute.name}="${attribute.value.slice(0, 60)}">`);
            if (/^(href|src|action|formaction|xlink:href)$/i.test(attribute.name) && /^\s*javascript:/i.test(attribute.value))
              found.push(`${file}: <${element.localName} ${attribute.name}="${attribute.value.slice(0, 60)}">`);
          }
        }
      }
      return found;
    },
    { files, policy: POLICY },
  );
  await page.close();
  return { files: files.length, findings };
}

describe('the sample knowledge base under its Content-Security-Policy', () => {
  const outDir = '.tmp/e2e-csp';
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('.', outDir);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('builds HTML with the policy first in <head>, no inline script, no on*= attribute and no javascript: URL', async () => {
    const { files, findings } = await scanBuiltHtml(site, outDir);
    expect(files).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });

  it('keeps the policy strict: scripts only from this site, nothing inline, no JavaScript eval', () => {
    const directives = new Map(
      POLICY.split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([n, ...v]) => [n, v]),
    );
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      expect(values, name).not.toContain('*');
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
    }
  });

  it('shows every kind of page with the policy in force, and the browser blocks nothing and logs no error', async () => {
    const page = await site.newPage();
    const { problems } = await watch(page);
    const found: string[] = [];
    for (const { name, path, landsOn, results } of PAGES) {
      const before = problems.length;
      await page.goto(site.url + path);
      if (landsOn) await page.waitForURL(landsOn);
      if (results) await page.waitForSelector('[data-results] .result');
      await page.waitForLoadState('networkidle');
      await settle(page);
      const policy = await page.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      );
      expect(policy, name).toBe(POLICY);
      found.push(...problems.slice(before).map((problem) => `${name}: ${problem}`));
    }
    expect(found).toEqual([]);
  });

  /** Searches the home page for a full disk with the routes `page` has, under the policy; the workers it started. */
  const searchUnderPolicy = async (page: Page): Promise<string[]> => {
    const { problems } = await watch(page);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(site.url);
    const { titles } = await search(page, 'No space left on device');
    expect(titles[0]).toBe('A filesystem on a host is nearly full');
    await settle(page);
    expect(problems).toEqual([]);
    return workers;
  };

  it('searches with Pagefind in the page under the policy (a small index)', async () => {
    expect(await searchUnderPolicy(await site.newPage())).toEqual([]);
  });

  it('searches with Pagefind in its web worker under the policy (a large index)', async () => {
    const page = await site.newPage();
    await asLargeIndex(page, site.url);
    const workers = await searchUnderPolicy(page);
    expect(workers.some((url) => url.endsWith('/pagefind/pagefind-worker.js'))).toBe(true);
  });

  it('still searches on a large index when the worker cannot start: Pagefind compiles its WebAssembly on the page', async () => {
    const page = await site.newPage();
    await asLargeIndex(page, site.url);
    await page.route('**/pagefind/pagefind-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
    await searchUnderPolicy(page);
  });

  it('runs the moved scripts: `/` shortcut, overdue badges, sortable table, 404 search', async () => {
    const page = await site.newPage();
    const { problems } = await watch(page);

    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('header-q');

    await page.clock.setFixedTime(new Date('2027-06-01T09:00:00'));
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    await expect(page.locator('.page-meta .badge.stale').textContent()).resolves.toBe('Review overdue since 2027-04-19');

    await page.goto(`${site.url}pages/`);
    await page.locator('button[data-key="title"]').click();
    await expect(page.locator('th:has(button[data-key="title"])').getAttribute('aria-sort')).resolves.toBe('ascending');
    const titles = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.title ?? ''));
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));

    await page.goto(`${site.url}runbooks/storage/raid-degraded-array/`);
    await expect(page.locator('[data-search-primary]').inputValue()).resolves.toBe('storage raid degraded array');
    await page.waitForSelector('[data-results] .result');

    await settle(page);
    expect(problems).toEqual([]);
  });

  it('copies a command block with its Copy button, exactly as written, and says so', async () => {
    const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    const blocks = page.locator('.prose .code-block');
    const count = await blocks.count();
    expect(count).toBeGreaterThan(1);
    // Every highlighted block has its button; the button is not in the built HTML (nor in the index).
    expect(await page.locator('pre.astro-code').count()).toBe(count);
    const html = await (await fetch(`${site.url}runbooks/dns/pod-dns-lookups-slow/`)).text();
    expect(html).not.toContain('class="copy"');
    const first = blocks.first();
    const button = first.locator('button.copy');
    await expect(button.getAttribute('aria-label')).resolves.toBe('Copy code block 1, sh');
    // Keyboard: the button is reachable and works with Enter.
    await button.focus();
    await page.keyboard.press('Enter');
    // The copy is asynchronous (the Clipboard API answers later): wait for the button's answer.
    await expect.poll(() => button.textContent()).toBe('Copied');
    await expect.poll(() => first.locator('[role="status"]').textContent()).toBe('Copied code block 1, sh.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await first.locator('pre code').evaluate((code) => code.textContent));
    expect(copied.split('\n')[0]).toBe('kubectl -n critical-app exec -it client -- cat /etc/resolv.conf');
    // Back to "Copy" after a moment, ready for the next command.
    await page.waitForFunction(() => document.querySelector('.code-block button.copy')?.textContent === 'Copy', undefined, {
      timeout: 5000,
    });
    await settle(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('copies without the Clipboard API too, as on a page served over plain HTTP', async () => {
    const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const { problems } = await watch(page);
    // An internal host over http:// is not a secure context: browsers leave `navigator.clipboard` out.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    const second = page.locator('.prose .code-block').nth(1);
    await second.locator('button.copy').click();
    await expect.poll(() => second.locator('button.copy').textContent()).toBe('Copied');
    // Nothing is left selected after a copy that worked.
    await expect(page.evaluate(() => window.getSelection()?.toString())).resolves.toBe('');
    const reader = await context.newPage();
    await reader.goto(`${site.url}`);
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    expect(copied.trim()).toBe(((await second.locator('pre code').textContent()) ?? '').trim());
    // Where the browser refuses to copy at all, the code is left selected and the button says how to copy it.
    const refused = await context.newPage();
    await refused.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      document.execCommand = () => false;
    });
    await refused.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    const block = refused.locator('.prose .code-block').first();
    await block.locator('button.copy').click();
    await expect.poll(() => block.locator('button.copy').textContent()).toBe('Press Ctrl+C');
    await expect.poll(() => block.locator('[role="status"]').textContent()).toBe('Could not copy: the code is selected, press Ctrl+C.');
    await expect(refused.evaluate(() => window.getSelection()?.toString().split('\n')[0])).resolves.toBe(
      'kubectl -n critical-app exec -it client -- cat /etc/resolv.conf',
    );
    await settle(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('made no request to any host but the one serving the site', () => {
    expect(site.requests.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  });
});

describe('a site with markup in its frontmatter, under the policy', () => {
  const outDir = '.tmp/e2e-csp-basic';
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('test/fixtures/site-basic', outDir, '/kb/');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('builds HTML with the policy, no inline script and no on*= attribute', async () => {
    const { files, findings } = await scanBuiltHtml(site, outDir);
    expect(files).toBeGreaterThan(5);
    expect(findings).toEqual([]);
  });

  it('shows and finds the page whose title is a <script> tag without the browser blocking anything', async () => {
    const page = await site.newPage();
    const { problems } = await watch(page);
    await page.goto(site.url);
    const { titles } = await search(page, 'No space left on device');
    expect(titles[0]).toBe('Disk full <script>alert(1)</script>');
    await page.locator('[data-results] .result .title').first().click();
    await page.waitForURL(/\/kb\/runbooks\/storage\/disk-full\/$/);
    await page.waitForLoadState('networkidle');
    await settle(page);
    expect(problems).toEqual([]);
  });
});
