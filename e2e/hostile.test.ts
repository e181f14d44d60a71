// Every page of test/fixtures/hostile that the build writes, opened in Chromium twice: as served,
// under the site's Content-Security-Policy, and with the policy's <meta> taken out of the document
// on its way to the browser, so the sanitiser alone has to keep the page inert. The payloads try to
// set `window.__kbXss`, open a dialog (alert, confirm, prompt) or navigate to `javascript:`; none
// may get anywhere. test/integration/hostile.test.ts checks the same build's HTML without a browser.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExpected } from '../test/fixtures/hostile/generate';
import { allText } from '../test/integration/helpers';
import { launchChromium } from './browser';
import { serveSite } from './serve';

const project = process.cwd();
const fixture = resolve('test/fixtures/hostile');
const expected = readExpected(fixture);
const BASE = '/kb/';
const BUILD_TIMEOUT = 240_000;
/** Pages open at once in the one browser context: enough to overlap the settle time on two cores. */
const PARALLEL = 4;
/** The pages built from content, besides the attacks; they must always be there. */
const GOOD_PAGES = [
  'guides/start-here/',
  'runbooks/dns/slow-lookups/',
  'runbooks/storage/disk-full/',
  'runbooks/storage/code-fences/',
  'runbooks/storage/prototype-names/',
];
/** Pages with the search box, whose filter choices are every owner and service name (`names/owner-markup.md`). */
const SEARCH_PAGES = ['', 'search/'];

const CSP_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi;

interface Build {
  status: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
}

/** `astro build` in its own process group, killed as a group (Pagefind included) after `timeout`. */
function astroBuild(outDir: string, env: NodeJS.ProcessEnv, timeout: number): Promise<Build> {
  return new Promise((done) => {
    const child = spawn(join(project, 'node_modules/.bin/astro'), ['build', '--root', fixture, '--outDir', outDir], {
      cwd: project,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-200_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ status: null, signal: null, timedOut, output: `${output}\n${error.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, timedOut, output });
    });
  });
}

/** The files the build says it left out ("Left out N files the content policy refused: …"). */
function leftOut(output: string): Set<string> {
  const list = /Left out \d+ files? the content policy refused[^\n]*\n((?:[ \t]+\S+\n?)*)/.exec(output)?.[1] ?? '';
  return new Set(
    list
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
}

/** `content/runbooks/x/y.mdx` → `runbooks/x/y/`: the page's path below the base. */
const pagePath = (file: string) => `${file.replace(/^content\//, '').replace(/\.mdx?$/i, '')}/`;

/** Every built runbook and guide page, as paths below the base (`runbooks/x/y/`). */
function builtContentPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => /^(runbooks|guides)\/.+\/index\.html$/.test(file))
    .map((file) => file.replace(/index\.html$/, ''))
    .sort();
}

interface PageReport {
  url: string;
  problems: string[];
  csp: number;
}

/**
 * Looks at the page from inside, in one frame: `window.__kbXss`, inline or foreign scripts,
 * event handler attributes, script URLs in links and other URL attributes, srcdoc, and the policy
 * violations the init script recorded. Runs in the browser; must not close over anything.
 */
function inspectFrame(): { problems: string[]; csp: number } {
  const problems: string[] = [];
  // Browsers drop ASCII whitespace and control characters from URLs: `java\tscript:` is `javascript:`.
  const bare = (value: string) =>
    [...value]
      .filter((c) => c.charCodeAt(0) > 0x20)
      .join('')
      .toLowerCase();
  const shown = (element: Element) =>
    `<${element.localName}${element
      .getAttributeNames()
      .map((name) => ` ${name}="${element.getAttribute(name)}"`)
      .join('')}>`.slice(0, 160);
  const win = window as unknown as { __kbXss?: unknown; __kbCspViolations?: string[] };
  if (typeof win.__kbXss !== 'undefined') problems.push(`window.__kbXss is ${String(win.__kbXss)}`);
  const own = `${location.origin}/kb/_astro/`;
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    if (src === null) problems.push(`inline script: ${shown(script)} ${JSON.stringify((script.textContent ?? '').slice(0, 80))}`);
    else if (!(script as HTMLScriptElement).src?.startsWith(own)) problems.push(`script not from the site: ${shown(script)}`);
  }
  const urlAttributes = /^(href|xlink:href|src|action|formaction|data|poster|background|values|to|from|by|ping|codebase)$/;
  for (const element of document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      if (/^on/i.test(name)) problems.push(`event handler ${name}: ${shown(element)}`);
      if (name.toLowerCase() === 'srcdoc') problems.push(`srcdoc: ${shown(element)}`);
      if (urlAttributes.test(name.toLowerCase()) && /^(javascript|vbscript):/.test(bare(value)))
        problems.push(`${name} URL: ${shown(element)}`);
    }
  }
  for (const link of document.querySelectorAll('a, area')) {
    const href = link.getAttribute('href') ?? link.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '';
    if (/^(javascript|vbscript|data):/.test(bare(href))) problems.push(`link to ${href.slice(0, 80)}: ${shown(link)}`);
  }
  for (const violation of win.__kbCspViolations ?? []) problems.push(`policy violation: ${violation}`);
  return { problems, csp: document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]').length };
}

/** Records what the policy blocks, in every frame, before any of the page's markup is parsed. */
function recordViolations() {
  const win = window as unknown as { __kbCspViolations?: string[] };
  win.__kbCspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    win.__kbCspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample.slice(0, 60)})`),
  );
}

/** Opens `url` in `page` and reports everything that shows script ran or could run. */
async function loadAndInspect(page: Page, url: string): Promise<PageReport> {
  const problems: string[] = [];
  const onDialog = (dialog: { type: () => string; message: () => string; dismiss: () => Promise<void> }) => {
    problems.push(`${dialog.type()} dialog: ${JSON.stringify(dialog.message())}`);
    dialog.dismiss().catch(() => undefined);
  };
  const onError = (error: Error) => problems.push(`uncaught: ${error.message}`);
  page.on('dialog', onDialog);
  page.on('pageerror', onError);
  let csp = -1;
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    if (page.url() !== url) problems.push(`navigated away to ${page.url()}`);
    for (const frame of page.frames()) {
      const report = await frame.evaluate(inspectFrame);
      const where = frame === page.mainFrame() ? '' : `[frame ${frame.url().slice(0, 60)}] `;
      problems.push(...report.problems.map((problem) => `${where}${problem}`));
      if (frame === page.mainFrame()) csp = report.csp;
    }
  } catch (error) {
    problems.push(`could not inspect: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    page.off('dialog', onDialog);
    page.off('pageerror', onError);
  }
  return { url, problems, csp };
}

describe('hostile pages in Chromium, with and without the Content-Security-Policy', () => {
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  let outDir: string;
  let markDir: string;
  let cacheDir: string;
  let build: Build;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let pages: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-e2e-hostile-out-'));
    markDir = mkdtempSync(join(tmpdir(), 'kb-e2e-hostile-mark-'));
    // A check cache of its own, and no content store from an earlier build of the fixture: with the
    // facts cached the build's workers would read nothing and Astro would render every page, and
    // with the pages stored nothing would be rendered at all. Without either, the workers render them.
    cacheDir = mkdtempSync(join(tmpdir(), 'kb-e2e-hostile-cache-'));
    for (const dir of [join(fixture, '.astro'), join(fixture, 'node_modules')]) rmSync(dir, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KB_ALLOW_HEALTH_ERRORS: '1',
      KB_TODAY: '2026-11-28',
      ASTRO_TELEMETRY_DISABLED: '1',
      ASTRO_DISABLE_UPDATE_CHECK: 'true',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      KB_CANARY_SECRET: canary,
      KB_HOSTILE_MARK_DIR: markDir,
      KB_CACHE_DIR: cacheDir,
    };
    build = await astroBuild(outDir, env, BUILD_TIMEOUT);
    pages = builtContentPages(outDir);
    server = await serveSite(outDir, BASE);
    browser = await launchChromium();
    context = await browser.newContext();
    await context.addInitScript(recordViolations);
  }, BUILD_TIMEOUT + 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of [outDir, markDir, cacheDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    // Astro's caches in the fixture (.astro/, node_modules/.astro/) are left: the next build of the
    // fixture (here or test/integration/hostile.test.ts) removes them before it starts.
  });

  it('builds in time, refuses some pages and still writes every other one', () => {
    expect(build.timedOut, `build took over ${BUILD_TIMEOUT / 1000} s`).toBe(false);
    expect(build.signal, build.output.slice(-5000)).toBeNull();
    expect(build.status, build.output.slice(-5000)).not.toBe(0);
    for (const path of GOOD_PAGES) expect(pages, build.output.slice(-5000)).toContain(path);
    // What the browser opens below is what the check's workers rendered, not only Astro's own rendering.
    expect(build.output).toMatch(
      /runbooks: \d+ pages rendered, 0 pages unchanged since the last build; [1-9]\d* of them rendered by the health check's worker threads/,
    );
    // A page the contract lets through is either in the browser run or was refused loudly; never silently missing.
    // Generated cases (too big or too odd for git) exist only while test/integration/hostile.test.ts runs; this
    // build is of the committed fixture, so they are not expected here.
    const refused = leftOut(build.output);
    const missing = Object.entries(expected)
      .filter(([file, entry]) => !entry.refused && !entry.generated && /\.mdx?$/i.test(file))
      .filter(([file]) => !pages.includes(pagePath(file)) && !refused.has(file))
      .map(([file]) => file);
    expect(missing).toEqual([]);
  });

  it('runs no script on any built runbook or guide page, or page with the search box, with the policy and without it', async () => {
    expect(pages.length).toBeGreaterThan(GOOD_PAGES.length);
    // Without the policy: the same document, minus its <meta http-equiv="Content-Security-Policy">.
    const stripped = new Set<string>();
    const unstripped: string[] = [];
    const noPolicy = async (url: string) => {
      const page = await context.newPage();
      await page.route(
        (u) => u.href === url,
        async (route) => {
          const response = await route.fetch();
          const html = await response.text();
          const body = html.replace(CSP_META, '');
          if (body === html) unstripped.push(url);
          else stripped.add(url);
          await route.fulfill({ response, body });
        },
      );
      try {
        return await loadAndInspect(page, url);
      } finally {
        await page.close();
      }
    };
    const withPolicy = async (url: string) => {
      const page = await context.newPage();
      try {
        return await loadAndInspect(page, url);
      } finally {
        await page.close();
      }
    };

    // The home and search pages hold every owner and service name as a filter choice.
    const visited = [...pages, ...SEARCH_PAGES];
    const jobs = visited.flatMap((path) => {
      const url = new URL(path, server!.url).href;
      return [
        { path, policy: true, run: () => withPolicy(url) },
        { path, policy: false, run: () => noPolicy(url) },
      ];
    });
    const failures: string[] = [];
    const loaded = { withPolicy: 0, withoutPolicy: 0 };
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          const report = await job.run();
          const label = `${job.path} (${job.policy ? 'with' : 'without'} the policy)`;
          if (job.policy && report.csp !== 1) failures.push(`${label}: ${report.csp} policy <meta> elements, expected 1`);
          if (!job.policy && report.csp !== 0) failures.push(`${label}: the policy <meta> was not removed`);
          failures.push(...report.problems.map((problem) => `${label}: ${problem}`));
          loaded[job.policy ? 'withPolicy' : 'withoutPolicy'] += 1;
        }
      }),
    );
    console.info(`hostile e2e: loaded ${loaded.withPolicy} pages with the policy and ${loaded.withoutPolicy} without it`);
    expect(unstripped, 'documents served without a policy <meta> to remove').toEqual([]);
    expect(stripped.size).toBe(visited.length);
    expect(failures.sort(), `script could run:\n${failures.join('\n')}`).toEqual([]);
  }, 120_000);

  it('shows markup in owner and service names as text among the search filters', async () => {
    const page = await context.newPage();
    try {
      await page.goto(new URL('', server!.url).href, { waitUntil: 'load' });
      const choices = await page.locator('[data-filters] option').allTextContents();
      expect(choices).toContain('<img src=x onerror="window.__kbXss=1"> (1)');
      expect(choices).toContain('<script>window.__kbXss=1</script>svc (1)');
      await expect(page.locator('[data-filters] img, [data-filters] script').count()).resolves.toBe(0);
    } finally {
      await page.close();
    }
  });

  it('leaks the canary secret into no published file and runs no payload at build time', () => {
    expect(allText(outDir).includes(canary), 'KB_CANARY_SECRET in the out dir').toBe(false);
    expect(build.output.includes(canary), 'KB_CANARY_SECRET in the build log').toBe(false);
    expect(readdirSync(markDir), 'markers written during the build').toEqual([]);
  });
});
