import { describe, expect, it } from 'vitest';
import { conceptForms, planSearch, searchedForms, secondRound } from '../../src/lib/search/plan';
import { rankResults } from '../../src/lib/search/rank';
import { indexedText, pageWords, TermCounter } from '../../src/lib/search/term-count';
import { COMMON_MIN_PAGES, estimatePages } from '../../src/lib/search/term-stats';
import { synonymGroups } from '../../src/lib/search/vocabulary';

describe('the text Pagefind indexes on a built page', () => {
  it('is the data-pagefind-body elements less their data-pagefind-ignore parts, without tags or scripts', () => {
    const html = [
      '<html><body><nav>Home Owners</nav><main>',
      '<div data-pagefind-body><h1>Disk &amp; inode full</h1></div>',
      '<p>Owner: storage-team</p>',
      '<section data-pagefind-body><h2 data-pagefind-ignore>You are in the right place</h2><ul><li>No space left on device</li></ul></section>',
      '<div class="prose" data-pagefind-body><p>Run <code>df -i</code></p><div><div>nested</div></div><script>alert(1)</script>',
      '<div data-code="echo a > /dev/null">copy</div></div>',
      '<footer>Related pages</footer></main></body></html>',
    ].join('');
    const text = indexedText(html)!.replace(/\s+/g, ' ').trim();
    expect(text).toBe('Disk & inode full No space left on device Run df -i nested copy');
  });

  it('is nothing for a page Pagefind leaves out', () => {
    expect(indexedText('<main><h1>All pages</h1></main>')).toBeUndefined();
  });

  it('splits words as Pagefind does: lower case, whole and at the characters kept inside words', () => {
    expect([...pageWords('nf_conntrack: table FULL, md/raid1:md0 — ok.')]).toEqual([
      'nf_conntrack',
      'nf',
      'conntrack',
      'table',
      'full',
      'md/raid1:md0',
      'md',
      'raid1',
      'md0',
      'ok',
    ]);
  });
});

describe('counting common words', () => {
  it('keeps the words on at least 150 pages (or 5% of the site), each page counted once', () => {
    const counter = new TermCounter();
    for (let page = 0; page < 4000; page += 1) {
      const words = ['node node node'];
      if (page % 10 === 0) words.push('disk'); // 400 pages
      if (page % 40 === 0) words.push('etcd'); // 100 pages
      if (page === 7) words.push('KubePodCrashLooping');
      counter.add(words.join(' '));
    }
    const stats = counter.stats();
    expect(stats.pages).toBe(4000);
    expect(stats.minPages).toBe(200);
    expect(stats.terms).toEqual({ disk: 400, node: 4000 });
  });

  it('keeps nothing on a small site, where every search is cheap', () => {
    const counter = new TermCounter();
    for (let page = 0; page < COMMON_MIN_PAGES - 1; page += 1) counter.add('the same words on every page');
    expect(counter.stats().terms).toEqual({});
  });
});

describe('estimating what a search finds', () => {
  const stats = { terms: { node: 4000, nodes: 900, replica: 1000, replicas: 600, disk: 400 } };

  it('counts the most common indexed word the stem starts, and the rarest word of several', () => {
    expect(estimatePages(stats, 'node')).toBe(4000);
    expect(estimatePages(stats, 'replication')).toBe(1000);
    expect(estimatePages(stats, 'node disk')).toBe(400);
    expect(estimatePages(stats, 'conntrack')).toBe(0);
    expect(estimatePages(stats, 'node conntrack')).toBe(0);
    expect(estimatePages({ terms: {} }, 'node')).toBe(0);
  });
});

describe('planning searches a large site can afford', () => {
  const groups = synonymGroups({});
  const formsOf = (query: string, terms: Record<string, number>) => {
    const plan = planSearch(query, groups);
    const all = conceptForms(plan);
    const { forms, ifFew, together } = searchedForms(plan, { terms });
    return { plan, all, planned: forms, ifFew, together };
  };

  it('searches a common word together with the longest rare term, and remembers how many pages hold it', () => {
    const { plan, planned } = formsOf('etcdserver: request timed out on node', { node: 4000, request: 3000, timed: 2500 });
    const terms = plan.concepts.map((concept) => concept.term);
    expect(terms).toEqual(['etcdserver', 'request', 'timed', 'out', 'node']);
    expect(planned.map((form) => [form.query, form.pages])).toEqual([
      ['etcdserver', undefined],
      ['request etcdserver', 3000],
      ['timed etcdserver', 2500],
      ['out', undefined],
      ['node etcdserver', 4000],
    ]);
  });

  it('searches every form as before when no word is common, or when the query is one or two common words', () => {
    const rare = formsOf('etcdserver request timed out', {});
    expect(rare.planned).toEqual(rare.all.filter((form) => !form.fallback));
    expect(rare.ifFew).toEqual([]);
    // With a rare term, all words at once are searched as read: function words included, and fast.
    expect(rare.together).toBe('etcdserver request timed out');
    expect(formsOf('the etcdserver is down', { down: 3000 }).together).toBe('the etcdserver is down');
    const vague = formsOf('node disk', { node: 4000, disk: 400 });
    expect(vague.planned.map((form) => form.query)).toEqual(['node', 'disk']);
  });

  it('searches three or more common words as the whole query, and all but one at a time when that finds too few', () => {
    const { plan, planned, ifFew } = formsOf('upstream timed out reading header', {
      upstream: 1700,
      timed: 4800,
      out: 2800,
      reading: 4400,
      header: 700,
    });
    expect(plan.text).toBe('upstream timed out reading header');
    expect(
      formsOf('the upstream timed out while reading the header', { upstream: 1700, timed: 4800, out: 2800, reading: 4400, header: 700 })
        .together,
    ).toBe('upstream timed out reading header');
    // No search of its own: each term counts for the pages of the whole-query search.
    expect(new Set(planned.map((form) => form.query))).toEqual(new Set([plan.whole]));
    expect(planned.map((form) => [form.concept, form.pages])).toEqual([
      [0, 1700],
      [1, 4800],
      [2, 2800],
      [3, 4400],
      [4, 700],
    ]);
    expect([...new Set(ifFew.map((form) => form.query))]).toEqual([
      'timed out reading header',
      'upstream out reading header',
      'upstream timed reading header',
      'upstream timed out header',
      'upstream timed out reading',
    ]);
    // A page found without `upstream` counts for every other term.
    expect(ifFew.filter((form) => form.query === 'timed out reading header').map((form) => form.concept)).toEqual([1, 2, 3, 4]);
  });

  it('anchors common terms only on a term rare as written, never on a rare synonym', () => {
    // `ssl` is rare (a synonym of `certificate`), but no page need hold it: the common terms go through the whole query.
    const terms = { certificate: 3000, expired: 2000, current: 1500, time: 4000 };
    const { plan, planned } = formsOf('certificate expired current time', terms);
    expect(planned.filter((form) => form.query === plan.whole).map((form) => [form.concept, form.pages])).toEqual([
      [0, 3000],
      [1, 2000],
      [2, 1500],
      [3, 4000],
    ]);
    // (`cert` counts as common: Pagefind finds it as the start of `certificate`.)
    expect(planned.filter((form) => form.query !== plan.whole).map((form) => form.query)).toEqual(['tls', 'ssl']);
    // With a rare term as written, a common term whose synonym is rare is still searched, with that term.
    const anchored = formsOf('etcdserver certificate', { certificate: 3000 }).planned.map((form) => form.query);
    expect(anchored).toEqual(['etcdserver', 'certificate etcdserver', 'cert etcdserver', 'tls', 'ssl']);
  });

  it('retries a term that found few pages in its rare parts and first letters, never in common words', () => {
    const { plan } = formsOf('no space left writing /var/lib/postgres/data/segment-601b1', {});
    const path = plan.concepts.findIndex((concept) => concept.term.startsWith('/var'));
    const retried = (terms: Record<string, number>) =>
      secondRound(plan, (concept) => (concept === path ? 1 : 10), new Set(), { terms }).map((form) => form.query);
    expect(retried({})).toEqual(['var', 'lib', 'postgres', 'data', 'segment', '601b1']);
    // On a large site `var`, `lib`, `data` and `segment` are on thousands of pages: searching them costs more than it tells.
    expect(retried({ var: 1900, lib: 1900, data: 1000, segment: 2000 })).toEqual(['postgres', '601b1']);
    // A word that found nothing is retried by its first letters, unless those start a common word.
    const typo = formsOf('etcd leadr lost', {});
    const leadr = typo.plan.concepts.findIndex((concept) => concept.term === 'leadr');
    const first = (terms: Record<string, number>) =>
      secondRound(typo.plan, (concept) => (concept === leadr ? 0 : 5), new Set(), { terms }).map((form) => form.query);
    expect(first({})).toEqual(['lead']);
    expect(first({ leader: 3000 })).toEqual([]);
    // A common term searched with a rarer one is not retried.
    expect(secondRound(typo.plan, () => 0, new Set([0, 1, 2]), { terms: {} })).toEqual([]);
  });

  it('leaves out a common synonym of a term that is rare as written', () => {
    expect(formsOf('pager storm', {}).planned.some((form) => form.query === 'alert')).toBe(true);
    const { planned } = formsOf('pager storm', { alert: 3000 });
    expect(planned.some((form) => form.query === 'alert')).toBe(false);
    expect(planned.some((form) => form.query === 'pager')).toBe(true);
  });

  it('ranks with the weight of how many pages hold a common word, not how many the paired search found', () => {
    const pages = 5000;
    const commonOnly = rankResults(pages, [
      { concept: 0, weight: 1, results: [{ id: 'a', score: 10 }] },
      { concept: 1, weight: 1, results: [{ id: 'b', score: 10 }], pages: 4000 },
    ]);
    // One page holds the rare word, the other the common one, equally well: the rare word wins.
    expect(commonOnly.map((result) => result.id)).toEqual(['a', 'b']);
    expect(commonOnly[0].score).toBeGreaterThan(commonOnly[1].score * 10);
  });
});

describe('a hostile page and the word counts', () => {
  it('moves a count by one page at most, however often it repeats a word or however it is marked up', () => {
    const counter = new TermCounter();
    for (let page = 0; page < 199; page += 1) counter.add('node');
    // Markup shown in a code block lands in an attribute value, where the marker scan may read it.
    const hostile = [
      '<div data-pagefind-body>',
      `<pre data-code="<div data-pagefind-body>node</div> <span data-pagefind-ignore>">${'node '.repeat(200_000)}</pre>`,
      `${Array.from({ length: 50_000 }, (_, index) => `w${index}`).join(' ')}`,
      '</div>',
    ].join('');
    const started = performance.now();
    counter.add(indexedText(hostile) ?? '');
    expect(performance.now() - started).toBeLessThan(2_000);
    // 200 pages with `node` now (threshold 150): the hostile page counted once; none of its 50,000 own words is common.
    expect(counter.stats().terms).toEqual({ node: 200 });
  });

  it('reads a deeply nested page without recursion, and words that are object keys as plain words', () => {
    const nested = `<div data-pagefind-body>${'<div>'.repeat(20_000)}constructor __proto__ toString${'</div>'.repeat(20_000)}</div>`;
    expect(indexedText(nested)!.trim().split(/\s+/)).toEqual(['constructor', '__proto__', 'toString']);
    const counter = new TermCounter();
    for (let page = 0; page < 150; page += 1) counter.add('constructor __proto__ toString');
    const stats = JSON.parse(JSON.stringify(counter.stats())) as { terms: Record<string, number> };
    // `__proto__` is counted as Pagefind splits it: its part `proto`.
    expect(stats.terms).toEqual({ constructor: 150, proto: 150, tostring: 150 });
    expect(Object.getPrototypeOf(stats.terms)).toBe(Object.prototype);
    expect(estimatePages(stats, 'constructor')).toBe(150);
    expect(estimatePages(stats, 'valueOf')).toBe(0);
    expect(estimatePages(stats, '__proto__')).toBe(0);
  });
});
