import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, search, seriousViolations, type SiteSession } from './site';

const STEPS = [
  ['How to search this knowledge base by symptom', /\/guides\/searching-by-symptom\//],
  ['DNS lookups from pods take 10 seconds, then succeed', /\/runbooks\/dns\/pod-dns-lookups-slow\//],
  ['Troubleshoot a container that has already exited', /\/runbooks\/kubernetes\/troubleshoot-vanished-container\//],
  ['How to make every alert that pages someone actionable', /\/guides\/making-alerts-actionable\//],
] as const;

describe('a guided path in Chromium', () => {
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('.', '.tmp/e2e-paths');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('is followed from its first step to its last with the keyboard only, each step showing its place', async () => {
    const page = await site.newPage();
    await page.goto(`${site.url}guides/first-dns-page/`);
    await expect(page.locator('.path .goal').textContent()).resolves.toContain(
      'As a new on-call engineer, I want to handle my first DNS page',
    );
    expect(await page.locator('.path-steps li').count()).toBe(4);
    // Tab to "Start with step 1", as a keyboard user would.
    for (let presses = 0; presses < 60; presses += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('start'))) break;
    }
    await page.keyboard.press('Enter');
    for (const [index, [title, url]] of STEPS.entries()) {
      await page.waitForURL(url);
      await page.waitForSelector('[data-path-nav]:not([hidden])');
      await expect(page.locator('h1').textContent()).resolves.toContain(title);
      const nav = (await page.locator('[data-path-nav]').textContent()) ?? '';
      expect(nav).toContain(`Step ${index + 1} of 4 in Handle your first DNS page`);
      if (index > 0) expect(nav).toContain(`Previous: ${STEPS[index - 1][0]}`);
      if (index < STEPS.length - 1) expect(nav).toContain(`Next: ${STEPS[index + 1][0]}`);
      else expect(nav).toContain('This is the last step.');
      if (index === 1) expect(await seriousViolations(page)).toEqual([]);
      if (index < STEPS.length - 1) await page.keyboard.press(']');
    }
    await page.keyboard.press('[');
    await page.waitForURL(STEPS[2][1]);
  });

  it('leaves a step page as it is for a reader arriving from search', async () => {
    const page = await site.newPage();
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    await expect(page.locator('[data-path-nav]').isHidden()).resolves.toBe(true);
    // An id that is not a path page's address is never fetched as one.
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/?path=..%2F..%2Fhealth`);
    await expect(page.locator('[data-path-nav]').isHidden()).resolves.toBe(true);
  });

  it('finds the path for a goal-like query and says it is a path', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles } = await search(page, 'first dns page');
    expect(titles[0]).toBe('Handle your first DNS page');
    await expect(page.locator('[data-results] .result').first().locator('.why').first().textContent()).resolves.toMatch(
      /^A path of 4 pages/,
    );
    await page.goto(`${site.url}guides/first-dns-page/`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
