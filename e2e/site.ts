import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../test/integration/helpers.js';
import { launchChromium } from './browser.js';
import { serveSite } from './serve.js';

const require = createRequire(import.meta.url);

/** A built site served on 127.0.0.1, a browser, and every request the pages made. */
export interface SiteSession {
  url: string;
  browser: Browser;
  requests: string[];
  newPage: (options?: { colorScheme?: 'light' | 'dark' }) => Promise<Page>;
  close: () => Promise<void>;
}

/** Builds `root` into `outDir` with the real Astro and Pagefind, serves it, and starts Chromium. */
export async function openSite(root: string, outDir: string, base = '/'): Promise<SiteSession> {
  rmSync(outDir, { recursive: true, force: true });
  const build = buildSite(root, outDir);
  if (build.status !== 0) throw new Error(`Build of ${root} failed:\n${build.output}`);
  const server = await serveSite(outDir, base);
  const browser = await launchChromium();
  const requests: string[] = [];
  return {
    url: server.url,
    browser,
    requests,
    newPage: async (options = {}) => {
      const page = await browser.newPage({ colorScheme: options.colorScheme ?? 'light' });
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => requests.push(`pageerror: ${error.message}`));
      return page;
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Types a query into the page's main search box and waits for the results to settle. */
export async function search(page: Page, query: string): Promise<{ titles: string[]; status: string }> {
  const box = page.locator('[data-search-primary]');
  await box.fill(query);
  await page.waitForFunction((q) => document.querySelector<HTMLElement>('[data-results]')?.dataset.query === q, query);
  return {
    titles: await page.locator('[data-results] .result .title').allTextContents(),
    status: (await page.locator('[data-status]').textContent()) ?? '',
  };
}

/**
 * Serves `url` to `page` as the build writes it for an index over MAIN_THREAD_PAGES pages (no
 * `data-search-in-page`), so the search box runs Pagefind in its web worker on the small sample site.
 */
export async function asLargeIndex(page: Page, url: string): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replaceAll(' data-search-in-page', '') });
  });
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every axe-core violation of the page, with its impact. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: { target: string[] }[] }[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy would block an inline <script> tag.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run();
    return result.violations;
  });
  return violations;
}
