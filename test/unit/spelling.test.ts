import { describe, expect, it } from 'vitest';
import type { PageHealth } from '../../src/lib/health/engine';
import { planSearch, secondRound } from '../../src/lib/search/plan';
import { editDistance } from '../../src/lib/shared/edit-distance';
import { matchedAsTyped, spellingsOf, typedStem } from '../../src/lib/search/spelling';
import { spellingWords } from '../../src/lib/search/spelling-words';
import { synonymGroups } from '../../src/lib/search/vocabulary';

/** A published page with only the fields the word list reads. */
function page(fields: Partial<PageHealth>): PageHealth {
  return { title: '', symptoms: [], alerts: [], tags: [], services: [], published: true, ...fields } as PageHealth;
}

describe('the edit distance between a typed word and a site word', () => {
  it('counts inserted, deleted, replaced and swapped letters', () => {
    expect(editDistance('degraded', 'degraded', 2)).toBe(0);
    expect(editDistance('degarded', 'degraded', 2)).toBe(1); // two neighbours swapped
    expect(editDistance('devcie', 'device', 2)).toBe(1);
    expect(editDistance('leadr', 'leader', 2)).toBe(1);
    expect(editDistance('conection', 'connection', 2)).toBe(1);
    expect(editDistance('certifcate', 'certificate', 2)).toBe(1);
    expect(editDistance('kuberentes', 'kubernetes', 2)).toBe(1);
    expect(editDistance('postgers', 'postgres', 2)).toBe(1);
    expect(editDistance('replcia', 'replica', 2)).toBe(1);
    expect(editDistance('flaping', 'flapping', 2)).toBe(1);
  });

  it('gives up past the limit, whatever the lengths', () => {
    expect(editDistance('disk', 'memory', 1)).toBe(2);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('timeout', 'tiemuot', 1)).toBe(2);
    expect(editDistance('', 'ab', 2)).toBe(2);
  });
});

describe('telling a mistyped term from a word of the site', () => {
  it('reads the highlighted words of a result: a word that starts with the term, less its ending, is the term', () => {
    expect(matchedAsTyped('the <mark>raid</mark> array is <mark>degraded</mark>', 'degraded')).toBe(true);
    expect(matchedAsTyped('every <mark>restart</mark> of the pod', 'restarting')).toBe(true);
    expect(matchedAsTyped('pods <mark>running</mark> out', 'running')).toBe(true);
    expect(matchedAsTyped('the <mark>run</mark> queue', 'running')).toBe(true);
    expect(matchedAsTyped('<mark>certificates</mark> expire', 'certificate')).toBe(true);
    expect(matchedAsTyped('time curl -o <mark>/dev/null</mark>', 'dev')).toBe(true);
  });

  it('calls a term mistyped when Pagefind highlighted only a shorter word for it', () => {
    expect(matchedAsTyped('lists the card <mark>(10de:1b80)</mark> but', 'degarded')).toBe(false);
    expect(matchedAsTyped('mail with subject Fail event on <mark>/dev/md0</mark>', 'devcie')).toBe(false);
    expect(matchedAsTyped('and shift <mark>leads</mark> owe them', 'leadr')).toBe(false);
  });

  it('cannot tell from an excerpt that highlights nothing, and does not guess', () => {
    expect(matchedAsTyped('no highlight here', 'degarded')).toBe(true);
  });

  it('takes the ending off only a longer word', () => {
    expect(typedStem('disks')).toBe('disks');
    // Pagefind's stemmer takes the plural off a short word too: `docs` finds `documentation`.
    expect(typedStem('docs')).toBe('doc');
    expect(matchedAsTyped('the <mark>documentation</mark> hack day', 'docs')).toBe(true);
    expect(typedStem('stopped')).toBe('stop');
    expect(typedStem('replicas')).toBe('replica');
    expect(typedStem('DEGARDED')).toBe('degard');
  });
});

describe('what a term that finds nothing was meant to be', () => {
  const words = { degraded: 3, device: 5, leader: 2, connection: 9, certificate: 4, disk: 7, risk: 1, dusk: 1, desk: 2, raid: 2 };

  it('is the nearest word of the site, the one most pages hold first', () => {
    expect(spellingsOf('degarded', words)).toEqual(['degraded']);
    expect(spellingsOf('devcie', words)).toEqual(['device']);
    expect(spellingsOf('Leadr', words)).toEqual(['leader']);
    expect(spellingsOf('certifcate', words)).toEqual(['certificate']);
    // Words one edit from `diskz` that hold every letter typed but the slip: the two most pages hold.
    expect(spellingsOf('diskz', { disk: 7, disks: 3, desks: 9, risky: 2 })).toEqual(['disk', 'disks']);
    // A letter left out: `leader` holds every letter of `leadr`, `leads` does not.
    expect(spellingsOf('leadr', { leads: 9, leader: 1, lead: 5 })).toEqual(['leader']);
  });

  it('leaves alone a word of the site, a short word, an id, a number and a word too far from any', () => {
    expect(spellingsOf('disk', words)).toEqual([]);
    // Four letters are one slip from too many words: only a word with every letter typed will do.
    expect(spellingsOf('dosk', words)).toEqual([]);
    expect(spellingsOf('docs', { does: 4, dock: 1 })).toEqual([]);
    expect(spellingsOf('dsik', words)).toEqual(['disk']);
    expect(spellingsOf('donw', { down: 3, dawn: 1 })).toEqual(['down']);
    expect(spellingsOf('rad', words)).toEqual([]);
    expect(spellingsOf('md127', words)).toEqual([]);
    expect(spellingsOf('10250', words)).toEqual([]);
    expect(spellingsOf('nf_conntrack', words)).toEqual([]);
    expect(spellingsOf('zookeeper', words)).toEqual([]);
  });

  it('allows two slips only in a long word, and only when its first letter is right', () => {
    expect(spellingsOf('conectoin', words)).toEqual(['connection']);
    expect(spellingsOf('konnection', { connection: 1 })).toEqual(['connection']); // one slip
    expect(spellingsOf('konectoin', { connection: 1 })).toEqual([]);
    expect(spellingsOf('devcei', words)).toEqual([]); // six letters: one slip only
  });

  it('reads a word list from a page without being confused by object property names', () => {
    expect(spellingsOf('constructr', { constructor: 1 })).toEqual(['constructor']);
    expect(spellingsOf('constructor', {})).toEqual([]);
    expect(spellingsOf('hasownproperty', {})).toEqual([]);
  });
});

describe('the word list the build writes', () => {
  it('holds the words of titles, descriptions, symptoms, alerts and their parts, tags, services and path goals', () => {
    const list = spellingWords([
      page({
        title: 'RAID array degraded',
        description: 'A disk dropped out of the mirror, with its data',
        symptoms: ['`md/raid1:md127: Disk failure on sdb1, disabling device.`'],
        alerts: ['NodeRAIDDegraded'],
        tags: ['storage'],
        services: ['fileserver'],
      }),
      page({ title: 'Disk full', symptoms: ['No space left on device'], path: { goal: 'Recover a broken mirror', steps: [] } }),
      page({ title: 'Draft page', symptoms: ['unpublished words'], published: false }),
    ]);
    expect(list.words).toMatchObject({
      raid: 1,
      array: 1,
      degraded: 1,
      disk: 2,
      device: 2,
      mirror: 2,
      failure: 1,
      storage: 1,
      fileserver: 1,
    });
    expect(list.words).toMatchObject({ node: 1, noderaiddegraded: 1, space: 1, recover: 1, broken: 1 });
    // Function words are no correction for anything.
    expect(list.words).not.toHaveProperty('with');
    expect(list.words).not.toHaveProperty('from');
    // Words of three letters or fewer, numbers and ids with digits are left out.
    expect(Object.keys(list.words).filter((word) => !/^\p{L}{4,24}$/u.test(word))).toEqual([]);
    expect(list.words).not.toHaveProperty('md127');
    expect(list.words).not.toHaveProperty('sdb1');
  });

  it('lists words in code-point order, so the same pages always write the same file', () => {
    const a = spellingWords([page({ title: 'zebra apple mango' }), page({ title: 'apple kiwi' })]);
    const b = spellingWords([page({ title: 'apple kiwi' }), page({ title: 'zebra apple mango' })]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a.words)).toEqual(['apple', 'kiwi', 'mango', 'zebra']);
  });
});

describe('the second round of a query with a mistyped term', () => {
  const groups = synonymGroups();

  it('searches the words the term was meant to be instead of its first letters', () => {
    const plan = planSearch('raid degarded', groups);
    const typo = plan.concepts.findIndex((concept) => concept.term === 'degarded');
    const found = (concept: number) => (concept === typo ? 0 : 4);
    const spelt = secondRound(plan, found, new Set(), { terms: {} }, new Map([[typo, ['degraded']]]));
    expect(spelt).toEqual([{ concept: typo, query: 'degraded', weight: 0.8 }]);
    // Without a spelling, the first letters as before.
    expect(secondRound(plan, found, new Set(), { terms: {} }).map((form) => form.query)).toEqual(['degard']);
    // The pages a mistyped term found through a shorter word do not stop the correction.
    expect(secondRound(plan, () => 4, new Set(), { terms: {} }, new Map([[typo, ['degraded']]])).map((form) => form.query)).toEqual([
      'degraded',
    ]);
  });
});
