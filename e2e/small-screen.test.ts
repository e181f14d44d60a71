import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSite } from '../scripts/bench/site';
import { axeViolations, openSite, type SiteSession } from './site';

// Every page type at phone and desktop widths, light and dark: nothing scrolls sideways except
// code blocks and page tables in their own scroll box, nothing is clipped away, every page has an
// `<h1>`, and axe finds no serious or critical violation (nor the two moderate ones once seen:
// repeated landmark names in code blocks, pages without a heading one).
const WIDTHS = [320, 390, 1280];
const SCHEMES = ['light', 'dark'] as const;

/** What sticks out of the viewport (outside scroll boxes) or is cut off by `overflow: hidden`, in the page as shown. */
const LAYOUT_PROBLEMS = `(() => {
  const viewport = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const inScrollBox = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && node.getBoundingClientRect().right <= viewport + 1) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > viewport + 1 && !inScrollBox(el)) problems.push('wider than the viewport: ' + describe(el) + ' reaches ' + Math.round(box.right) + 'px');
    const style = getComputedStyle(el);
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
    if (clips && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1) problems.push('clipped: ' + describe(el) + ' holds ' + el.scrollWidth + 'px in ' + el.clientWidth + 'px');
  }
  if (document.documentElement.scrollWidth > viewport + 1) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + 'px');
  return { problems: problems.slice(0, 8), headings: document.querySelectorAll('h1').length };
})()`;

/** The pages of each type a site has, by path. */
function pageTypes(sample: { runbook: string; guide: string; service: string }): Record<string, string> {
  return {
    home: '',
    search: 'search/?q=disk%20full',
    runbook: sample.runbook,
    guide: sample.guide,
    'all pages': 'pages/',
    services: 'services/',
    service: sample.service,
    owners: 'owners/',
    tags: 'tags/',
    alerts: 'alerts/',
    health: 'health/',
    'not found': 'no-such-page/',
  };
}

async function checkSite(site: SiteSession, pages: Record<string, string>): Promise<string[]> {
  const failures: string[] = [];
  for (const colorScheme of SCHEMES) {
    const page = await site.newPage({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [type, path] of Object.entries(pages)) {
        await page.goto(site.url + path);
        if (type === 'search') await page.waitForSelector('[data-results] .result');
        const layout = (await page.evaluate(LAYOUT_PROBLEMS)) as { problems: string[]; headings: number };
        const where = `${type} (/${path}) at ${width}px ${colorScheme}`;
        for (const problem of layout.problems) failures.push(`${where}: ${problem}`);
        if (layout.headings !== 1) failures.push(`${where}: ${layout.headings} <h1> elements`);
        if (width !== 1280 && width !== 390) continue;
        for (const violation of await axeViolations(page)) {
          if (
            violation.impact === 'serious' ||
            violation.impact === 'critical' ||
            ['landmark-unique', 'page-has-heading-one'].includes(violation.id)
          )
            failures.push(
              `${where}: axe ${violation.impact} ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
            );
        }
      }
    }
    await page.close();
  }
  return failures;
}

describe('the sample knowledge base on a phone and a desktop', () => {
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('.', '.tmp/e2e-screens-sample');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('fits every page type in the viewport, light and dark, with one <h1> and no serious axe finding', async () => {
    const failures = await checkSite(
      site,
      pageTypes({
        runbook: 'runbooks/openstack/gpu-migration-pci-in-use/',
        guide: 'guides/on-call-onboarding/',
        service: 'services/openstack/',
      }),
    );
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('the search box on a touch phone', () => {
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('test/fixtures/site-basic', '.tmp/e2e-screens-basic', '/kb/');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('shows its placeholder whole and no keyboard hints to a reader without a keyboard', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(site.url);
    await expect(page.locator('.keyboard-hint').isVisible()).resolves.toBe(false);
    const fits = await page.locator('[data-search-primary]').evaluate((input: HTMLInputElement) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(input);
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return canvas.measureText(input.placeholder).width <= room;
    });
    expect(fits).toBe(true);
    await context.close();
    const desktop = await site.newPage();
    await desktop.goto(site.url);
    await expect(desktop.locator('.keyboard-hint').isVisible()).resolves.toBe(true);
  });
});

describe('a generated 1,000-page knowledge base on a phone and a desktop', () => {
  const root = resolve('.tmp/e2e-generated-1000');
  let site: SiteSession;
  let runbook = '';
  let guide = '';
  let service = '';
  const previous = process.env.KB_ALLOW_HEALTH_ERRORS;
  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    generateSite(root, { pages: 1000, seed: 7, title: 'Generated 1,000' });
    const services = readdirSync(join(root, 'content/runbooks'));
    service = `services/${services[0]}/`;
    runbook = `runbooks/${services[0]}/${readdirSync(join(root, 'content/runbooks', services[0]))[0].replace(/\.mdx?$/, '')}/`;
    guide = `guides/${readdirSync(join(root, 'content/guides'))[0].replace(/\.mdx?$/, '')}/`;
    // The corpus carries injected broken links on purpose: the one-run switch builds past them.
    process.env.KB_ALLOW_HEALTH_ERRORS = '1';
    site = await openSite(root, join(root, 'dist'));
  }, 400_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.KB_ALLOW_HEALTH_ERRORS;
    else process.env.KB_ALLOW_HEALTH_ERRORS = previous;
    await site?.close();
  });

  it('fits every page type in the viewport, light and dark, with one <h1> and no serious axe finding', async () => {
    const failures = await checkSite(site, pageTypes({ runbook, guide, service }));
    expect(failures).toEqual([]);
  }, 400_000);
});
