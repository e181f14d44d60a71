import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKbConfig } from '../src/lib/shared/config';
import { runHealthCheck } from '../src/lib/health/run-check';
import { asLargeIndex, openSite, search, seriousViolations, type SiteSession } from './site';

describe('the sample knowledge base in Chromium', () => {
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('.', '.tmp/e2e-sample');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('finds the DNS runbook from a described behaviour', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles } = await search(page, 'curl hangs for about 10 s, then works');
    expect(titles[0]).toBe('DNS lookups from pods take 10 seconds, then succeed');
    await expect(page.locator('[data-results] .result').first().locator('.symptom').textContent()).resolves.toContain(
      'curl to a service FQDN hangs for about 10 s',
    );
  });

  it('finds the GPU migration runbook from the error pasted from another host', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles, status } = await search(
      page,
      '2026-11-28 03:12:45.123 ERROR nova.compute.manager [req-5e0f2b5c-9d1e-4c11-8a4a-7d2f3c1b9e00] Requested operation is not valid: PCI device 0000:81:00.0 is in use by driver QEMU, domain instance-0000beef',
    );
    expect(titles[0]).toBe('Migration of a GPU instance fails because the PCI device is in use');
    expect(status).toContain('ids, addresses, timestamps, quotes and label values are left out');
    const first = page.locator('[data-results] .result').first();
    await expect(first.locator('.meta').textContent()).resolves.toMatch(/Owner: cloud-infra/);
    await expect(first.locator('.badge.fresh').count()).resolves.toBe(1);
  });

  it('still finds the page when the pasted line has words no page contains', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles, status } = await search(
      page,
      'Nov 28 13:56:39 storage-node-12 kernel: md/raid1:md127: Disk failure on nvme3n1p2, disabling device. Operation continuing on 1 devices frobnicator',
    );
    expect(status).toContain('ids, addresses, timestamps');
    expect(titles[0]).toBe('A software RAID array is degraded');
  });

  it('finds every sample page first from each of its symptoms and alert names, as written and with other numbers in it', async () => {
    // Other hosts, devices and counts: every run of two or more digits changes.
    const elsewhere = (text: string) =>
      text.replace(/\d{2,}/g, (digits) => `${(Number(digits[0]) + 3) % 10}${[...digits.slice(1)].reverse().join('')}`);
    const page = await site.newPage();
    await page.goto(site.url);
    const misses: string[] = [];
    let searches = 0;
    const { facts } = await runHealthCheck({ root: '.', config: resolveKbConfig({}), today: new Date(), git: false, cache: false });
    for (const entry of facts) {
      const data = entry.data;
      if (!data || data.status !== 'active' || entry.refused) continue;
      for (const symptom of [...(data.symptoms ?? []), ...(data.alerts ?? [])]) {
        for (const query of new Set([symptom, elsewhere(symptom)])) {
          searches += 1;
          const { titles } = await search(page, query);
          if (titles[0] !== data.title) misses.push(`${query} → ${titles[0]} (expected ${data.title})`);
        }
      }
    }
    expect(searches).toBeGreaterThan(40);
    expect(misses).toEqual([]);
  });

  it('ranks by where words matched, not by which pages hold every word', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    // The IOMMU runbook lacks "turn"; two guides hold every word.
    expect((await search(page, 'turn on iommu for gpu passthrough')).titles[0]).toBe(
      'Enable IOMMU and bind the GPU to vfio-pci on a compute node',
    );
    expect((await search(page, 'geforce driver wont load in the vm')).titles[0]).toBe(
      'NVIDIA driver in a KVM guest refuses the passthrough card',
    );
    expect((await search(page, 'pager keeps going off and clearing by itself')).titles[0]).toBe(
      'An alert fires and resolves over and over',
    );
  });

  it('puts the runbook of an alert named in a pasted notification first, and ignores the label values', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles, status } = await search(page, '[FIRING:1] CoreDNSLatencyHigh (api payments api-7d9f8b6c5-x2k4z critical)');
    expect(titles[0]).toBe('DNS lookups from pods take 10 seconds, then succeed');
    expect(status).toContain('label values are left out');
    await expect(page.locator('[data-results] .result').first().locator('.why').textContent()).resolves.toBe(
      'Runbook for the alert CoreDNSLatencyHigh',
    );
    expect((await search(page, 'alertname="corednslatencyhigh" cluster="prod-eu-1"')).titles[0]).toBe(
      'DNS lookups from pods take 10 seconds, then succeed',
    );
  });

  it('never puts a deprecated page above the page replacing it, and Enter opens the replacement', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    // The deprecated page's own symptom: it still shows, below its replacement, saying so.
    const { titles } = await search(page, 'skydns logs show repeated forwards of names ending in .localdomain');
    expect(titles.slice(0, 2)).toEqual([
      'DNS lookups from pods take 10 seconds, then succeed',
      'Restart kube-dns when lookups from pods are slow',
    ]);
    const results = page.locator('[data-results] .result');
    await expect(results.nth(0).locator('.why').textContent()).resolves.toBe(
      'Replaces the deprecated page “Restart kube-dns when lookups from pods are slow”',
    );
    await expect(results.nth(1).locator('.why.deprecated').textContent()).resolves.toBe(
      'Deprecated: use DNS lookups from pods take 10 seconds, then succeed instead',
    );
    await page.locator('[data-search-primary]').press('Enter');
    await page.waitForURL(/\/runbooks\/dns\/pod-dns-lookups-slow\/$/);
  });

  it('searches and shows the description, under the title of results and of the page', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    const { titles } = await search(page, 'nova PCI whitelist alias scheduler filter');
    expect(titles[0]).toBe('Enable IOMMU and bind the GPU to vfio-pci on a compute node');
    await expect(page.locator('[data-results] .result').first().locator('.description').textContent()).resolves.toMatch(
      /^Prepare a compute host for GPU passthrough/,
    );
    await page.goto(`${site.url}runbooks/openstack/iommu-vfio-setup/`);
    await expect(page.locator('article .description').textContent()).resolves.toMatch(/^\s*Prepare a compute host for GPU passthrough/);
  });

  it('finds the page for a word typed with a slip in it, and says what it searched for instead', async () => {
    const page = await site.newPage();
    const words: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/search-words.json')) words.push(request.url());
    });
    await page.goto(site.url);
    // Spelled right, nothing is corrected and the word list is never fetched.
    await search(page, 'raid degraded');
    expect(words).toEqual([]);
    // Two letters swapped: Pagefind alone finds `10de:1b80` on the GPU pages through `de`.
    const swapped = await search(page, 'raid degarded');
    expect(swapped.titles[0]).toBe('A software RAID array is degraded');
    expect(swapped.status).toContain('No page has “degarded”; also searched for “degraded”.');
    expect(words).toHaveLength(1);
    const slipped = await search(page, 'no space left on devcie');
    expect(slipped.titles[0]).toBe('A filesystem on a host is nearly full');
    expect(slipped.status).toContain('also searched for “device”');
    // A word of the site is no typo, however close to another; neither is a short one.
    for (const query of ['docs cleanup day', 'dns slow']) expect((await search(page, query)).status).not.toContain('No page has');
    expect(words).toHaveLength(1);
  });

  it('takes `/` on the home page for the shortcut until something is typed, then as a character', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('symptom-q');
    await page.keyboard.press('/');
    await expect(page.locator('[data-search-primary]').inputValue()).resolves.toBe('');
    await page.keyboard.type('ls /var/log');
    await expect(page.locator('[data-search-primary]').inputValue()).resolves.toBe('ls /var/log');
  });

  it('opens the runbook of an alert address written in another case, with one fetch of the alert list', async () => {
    const page = await site.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/search-alerts.json')) fetched.push(page.url());
    });
    await page.goto(`${site.url}alerts/corednslatencyhigh/`);
    await page.waitForURL(/\/runbooks\/dns\/pod-dns-lookups-slow\/$/);
    // The search box (searching the alert name) and the case lookup share one copy.
    expect(fetched).toHaveLength(1);

    fetched.length = 0;
    await page.goto(`${site.url}alerts/NoRunbookListsThis/`);
    await page.waitForFunction(() =>
      document.querySelector('[data-missing-path]')?.textContent?.startsWith('No runbook lists the alert NoRunbookListsThis yet'),
    );
    await page.waitForSelector('[data-results][data-query]');
    expect(fetched).toHaveLength(1);
  });

  it('focuses search with `/` from anywhere on a page, and filters by keyboard', async () => {
    const page = await site.newPage();
    await page.goto(`${site.url}runbooks/storage/disk-full/`);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('header-q');
    await page.keyboard.type('RaidArrayDegraded');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=RaidArrayDegraded/);
    await page.waitForSelector('[data-results] .result');
    await expect(page.locator('[data-results] .result .title').first().textContent()).resolves.toBe('A software RAID array is degraded');

    await page.goto(site.url);
    // The home page is for typing into: the cursor is already in the box.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('symptom-q');
    await page.keyboard.type('disk');
    await page.waitForSelector('[data-results] .result');
    await page.locator('select[name="owner"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => (document.querySelector('select[name="owner"]') as HTMLSelectElement).value !== '');
    const owner = await page.locator('select[name="owner"]').inputValue();
    await page.waitForFunction(
      (o) => [...document.querySelectorAll('[data-results] .result .owner')].every((el) => el.textContent === `Owner: ${o}`),
      owner,
    );
  });

  it('offers the filters with their counts from the page itself, and loads filter data only once one is chosen', async () => {
    const page = await site.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(site.url);
    const owners = await page.locator('select[name="owner"] option').allTextContents();
    expect(owners[0]).toBe('Any');
    expect(owners.slice(1).every((text) => /^\S.* \(\d+\)$/.test(text))).toBe(true);
    // Pagefind counts pages per filter value over the index: the same counts as written in the page.
    // As a string: the test runner would rewrite an `import()` in a function it sends to the page.
    const counted = (await page.evaluate(
      `import(${JSON.stringify(`${site.url}pagefind/pagefind.js`)}).then((pagefind) => pagefind.filters())`,
    )) as Record<string, Record<string, number>>;
    const written = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLSelectElement>('[data-filters] select')].map((select) => [
          select.name,
          Object.fromEntries([...select.options].slice(1).map((option) => [option.value, Number(/\((\d+)\)$/.exec(option.text)![1])])),
        ]),
      ),
    );
    expect(written).toEqual(counted);

    const fresh = await site.newPage();
    const requested: string[] = [];
    fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await fresh.goto(site.url);
    await search(fresh, 'No space left on device');
    expect(requested.filter((path) => path.includes('/pagefind/filter/'))).toEqual([]);
    const filterData = fresh.waitForRequest((request) => new URL(request.url()).pathname.includes('/pagefind/filter/'));
    await fresh.locator('select[name="type"]').selectOption('Runbook');
    await filterData;
    await fresh.waitForFunction(() => {
      const metas = [...document.querySelectorAll('[data-results] .result .meta')];
      return metas.length > 0 && metas.every((el) => el.textContent?.includes('Runbook'));
    });
    expect(fetched.some((path) => path.endsWith('/pagefind/pagefind.js'))).toBe(true);
  });

  it('opens the first result with Enter and walks the results with the arrow keys', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    await search(page, 'No space left on device');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('A filesystem on a host is nearly full');
    await page.keyboard.press('ArrowUp');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('symptom-q');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/runbooks\/storage\/disk-full\/$/);
  });

  it('opens the runbook of a known alert and searches for an unknown one', async () => {
    const page = await site.newPage();
    await page.goto(`${site.url}alerts/CoreDNSLatencyHigh/`);
    await page.waitForURL(/\/runbooks\/dns\/pod-dns-lookups-slow\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('DNS lookups from pods take 10 seconds, then succeed');

    await page.goto(`${site.url}alerts/HighCPUUsage/`);
    await expect(page.locator('[data-search-primary]').inputValue()).resolves.toBe('HighCPUUsage');
    await page.waitForSelector('[data-results] .result');
    await expect(page.locator('[data-results] .result .title').first().textContent()).resolves.toBe(
      'An alert fires and resolves over and over',
    );
  });

  it('offers search with the words of a missing page', async () => {
    const page = await site.newPage();
    await page.goto(`${site.url}runbooks/storage/raid-degraded-array/`);
    await expect(page.locator('[data-search-primary]').inputValue()).resolves.toBe('storage raid degraded array');
    await page.waitForSelector('[data-results] .result');
    await expect(page.locator('[data-results] .result .title').first().textContent()).resolves.toBe('A software RAID array is degraded');
  });

  it('shows the best three results first and the rest below them, in one order', async () => {
    const page = await site.newPage();
    await page.goto(site.url);
    // What the list held when its first results went in.
    await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-results]')!;
      new MutationObserver(() => {
        if (list.dataset.firstElapsed !== undefined && list.dataset.firstTitles === undefined)
          list.dataset.firstTitles = JSON.stringify([...list.querySelectorAll('.result .title')].map((a) => a.textContent));
      }).observe(list, { attributes: true, attributeFilter: ['data-first-elapsed'] });
    });
    const { titles } = await search(page, 'gpu passthrough guest');
    expect(titles.length).toBeGreaterThan(3);
    const timing = await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('[data-results]')!.dataset }));
    const first = JSON.parse(timing.firstTitles!) as string[];
    expect(first).toHaveLength(3);
    expect(titles.slice(0, 3)).toEqual(first);
    expect(Number(timing.firstElapsed)).toBeLessThanOrEqual(Number(timing.elapsed));
  });

  it("searches in the page on a small index, and in Pagefind's web worker where the build says the index is large", async () => {
    const query = 'gpu passthrough guest';
    const small = await site.newPage();
    await small.goto(site.url);
    const inPage = await search(small, query);
    expect(inPage.titles.length).toBeGreaterThan(3);
    expect(small.workers()).toHaveLength(0);
    const large = await site.newPage();
    await asLargeIndex(large, site.url);
    await large.goto(site.url);
    await expect(large.locator('[data-search-in-page]').count()).resolves.toBe(0);
    const inWorker = await search(large, query);
    expect(large.workers().map((worker) => new URL(worker.url()).pathname)).toEqual(['/pagefind/pagefind-worker.js']);
    expect(inWorker.titles).toEqual(inPage.titles);
  });

  it('leaves out a result whose data cannot be read, and still lists the others', async () => {
    const query = 'gpu passthrough guest';
    const page = await site.newPage();
    await page.goto(site.url);
    const all = (await search(page, query)).titles;
    const flaky = await site.newPage();
    let fragments = 0;
    // Every other result's data fails to load, as on a connection that drops requests.
    await flaky.route('**/pagefind/fragment/**', (route) => (fragments++ % 2 === 0 ? route.abort() : route.continue()));
    await flaky.goto(site.url);
    const { titles, status } = await search(flaky, query);
    expect(fragments).toBeGreaterThan(0);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThan(all.length);
    // The pages that could be read keep their order.
    expect(titles).toEqual(all.filter((title) => titles.includes(title)));
    expect(status).toMatch(/pages? found/);
  });

  it('has no serious accessibility violations, light or dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await site.newPage({ colorScheme });
      for (const path of [
        '',
        'runbooks/dns/pod-dns-lookups-slow/',
        'runbooks/dns/kube-dns-skydns-restart/',
        'health/',
        'pages/',
        'alerts/',
      ]) {
        await page.goto(site.url + path);
        if (path === '') await search(page, 'disk full');
        expect(await seriousViolations(page), `${colorScheme} /${path}`).toEqual([]);
      }
    }
  });

  it('shows a page as overdue when the reader is past its due date, even if the build is older', async () => {
    const page = await site.newPage();
    await page.clock.setFixedTime(new Date('2027-06-01T09:00:00Z'));
    await page.goto(`${site.url}runbooks/dns/pod-dns-lookups-slow/`);
    await expect(page.locator('.page-meta .badge.stale').textContent()).resolves.toBe('Review overdue since 2027-04-19');
  });

  it('made no request to any host but the one serving the site', () => {
    const foreign = site.requests.filter((url) => !url.startsWith('http://127.0.0.1:') && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});

describe('a site under a base path, with markup in its frontmatter', () => {
  let site: SiteSession;
  beforeAll(async () => {
    site = await openSite('test/fixtures/site-basic', '.tmp/e2e-basic', '/kb/');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('searches under /kb/ and shows a <script> title as text in results', async () => {
    const page = await site.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(site.url);
    const { titles } = await search(page, 'No space left on device');
    expect(titles[0]).toBe('Disk full <script>alert(1)</script>');
    await expect(page.locator('[data-results] .result .symptom').first().textContent()).resolves.toBe(
      'No space left on device <script>alert(2)</script>',
    );
    await page.locator('[data-results] .result .title').first().click();
    await page.waitForURL(/\/kb\/runbooks\/storage\/disk-full\/$/);
    expect(dialogs).toBe(0);
    expect(site.requests.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  });
});
