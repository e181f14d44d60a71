/**
 * Ranking of the pages the searches of one query found. Pagefind scores each page for one search
 * with the weights of where the words sit (alert names and symptoms 10, the title 8, the
 * description 7, headings 6 to 2, the body 1); this merges those per-term scores into one, by
 * how rare each term is, so a page that matched `KubePodCrashLooping` in its alerts beats one
 * that matched `api` and `critical` in its body.
 */

export interface Scored {
  id: string;
  score: number;
  /** The page's metadata fields the words matched in (`title`, `symptoms`, `alerts`, `path`, …), as Pagefind reports them. */
  matchedMetaFields?: string[];
}

/** The results of one search, for one term of the query, with the weight of that form of the term. */
export interface FormResults {
  concept: number;
  weight: number;
  results: Scored[];
  /** How many pages hold the term, when the search found only some of them (a common word searched with a rarer one). */
  pages?: number;
}

export interface Ranked {
  id: string;
  score: number;
  /** How many of the query's terms the page matched, in any form. */
  matched: number;
}

/** Pagefind score at which a term's match counts half: a title or symptom match scores 10 to 40, a mention in the body 1 to 5. */
const HALF_SATURATION = 6;
/** How much more a page counts when a term matched its symptoms, alerts or path goal: it answers what the reader is seeing. */
const ANSWER_PRIOR = 1.15;
const ANSWER_FIELDS = new Set(['symptoms', 'alerts', 'path']);
/** How much more a page counts whose title (or a path's goal) holds every term of a query of at most `NAMED_MAX_TERMS` terms. */
const NAMED_PRIOR = 1.5;
const NAMED_MAX_TERMS = 4;
const NAME_FIELDS = new Set(['title', 'path']);
/** What matching every term at once (the whole-query search) adds, as a share of the terms' weight. */
const ALL_TERMS_BONUS = 0.1;
/**
 * In a short query, a term found in a page's title, symptoms, alerts or path goal counts with how
 * rare it is in those fields, not on the whole site, and as a match of this value (a form's
 * weight times Pagefind's saturated score elsewhere): `runbook` is in the body of every page of a
 * small site, so Pagefind scores even its title match low, but it is in the title of one page, and
 * there it names what that page is about. A short query names a thing; in a described problem
 * (`worker node went not ready, new pods cant be scheduled there`) common words in titles are
 * noise, and the rare words of the body decide (the search benchmark lost four paraphrases when
 * this applied to every query).
 */
const FIELD_MATCH_VALUE = 0.6;
const STRONG_FIELDS = new Set([...ANSWER_FIELDS, ...NAME_FIELDS]);

/** How much a term tells pages apart: the fewer pages hold it, the more (BM25's idf). */
export function termWeight(pages: number, holding: number): number {
  return Math.log(1 + (pages - holding + 0.5) / (holding + 0.5));
}

/** What the searches for one term found: the pages, each page's best value and the metadata fields it matched in. */
interface ConceptMatches {
  holders: Set<string>;
  best: Map<string, number>;
  known: number;
  fields: Map<string, Set<string>>;
  /** Some search for the term found only the pages holding it with another word: its holders are not all known. */
  partial: boolean;
  /** Pages whose title, symptoms, alerts or path goal hold a form of the term, with the weight of the best such form. */
  strong: Map<string, number>;
}

/**
 * Merges per-term results: each term adds its weight times the saturated score of the page's
 * best form of it, and pages in the whole-query results get a bonus. Where the words matched
 * counts again, from Pagefind's `matchedMetaFields`, so the order is known before any result's
 * data is loaded: a page whose symptoms, alerts or path goal hold a term answers what the reader
 * is seeing, and a title that holds every term of a short query names what it asks for. Ties go
 * to the page with more terms matched, then to Pagefind's own order.
 */
export function rankResults(pages: number, forms: FormResults[], whole: Scored[] = []): Ranked[] {
  const concepts = new Map<number, ConceptMatches>();
  for (const form of forms) {
    const entry: ConceptMatches = concepts.get(form.concept) ?? {
      holders: new Set<string>(),
      best: new Map<string, number>(),
      known: 0,
      fields: new Map<string, Set<string>>(),
      partial: false,
      strong: new Map<string, number>(),
    };
    entry.known = Math.max(entry.known, form.pages ?? 0);
    if (form.pages !== undefined) entry.partial = true;
    for (const result of form.results) {
      entry.holders.add(result.id);
      const value = (form.weight * result.score) / (result.score + HALF_SATURATION);
      if (value > (entry.best.get(result.id) ?? 0)) entry.best.set(result.id, value);
      if (result.matchedMetaFields?.length) {
        const fields = entry.fields.get(result.id) ?? new Set<string>();
        for (const field of result.matchedMetaFields) fields.add(field);
        entry.fields.set(result.id, fields);
        if (result.matchedMetaFields.some((field) => STRONG_FIELDS.has(field)) && form.weight > (entry.strong.get(result.id) ?? 0))
          entry.strong.set(result.id, form.weight);
      }
    }
    concepts.set(form.concept, entry);
  }
  const totals = new Map<string, Ranked>();
  const short = concepts.size <= NAMED_MAX_TERMS;
  let weightSum = 0;
  for (const { holders, best, known, partial, strong } of concepts.values()) {
    const holding = Math.max(holders.size, known);
    const weight = termWeight(Math.max(pages, holding), holding);
    weightSum += weight;
    // Rarity in the strong fields is known only when every page holding the term was found.
    const fieldWeight = !short || partial || strong.size === 0 ? 0 : termWeight(Math.max(pages, holding), strong.size);
    for (const [id, value] of best) {
      const ranked = totals.get(id) ?? { id, score: 0, matched: 0 };
      ranked.score += Math.max(weight * value, fieldWeight * FIELD_MATCH_VALUE * (strong.get(id) ?? 0));
      ranked.matched += 1;
      totals.set(id, ranked);
    }
  }
  const order = new Map<string, number>();
  whole.forEach((result, index) => {
    order.set(result.id, index);
    const ranked = totals.get(result.id) ?? { id: result.id, score: 0, matched: concepts.size };
    ranked.score += ALL_TERMS_BONUS * weightSum;
    totals.set(result.id, ranked);
  });
  const entries = [...concepts.values()];
  const matchedIn = (entry: ConceptMatches, id: string, names: Set<string>) =>
    [...(entry.fields.get(id) ?? [])].some((field) => names.has(field));
  for (const ranked of totals.values()) {
    // A word in a runbook's symptoms or alerts (or a path's goal) answers what the reader is seeing.
    if (entries.some((entry) => matchedIn(entry, ranked.id, ANSWER_FIELDS))) ranked.score *= ANSWER_PRIOR;
    // A title that holds every term of a short query is what the query asks for by name.
    if (entries.length > 0 && entries.length <= NAMED_MAX_TERMS && entries.every((entry) => matchedIn(entry, ranked.id, NAME_FIELDS)))
      ranked.score *= NAMED_PRIOR;
  }
  return [...totals.values()].sort(
    (a, b) =>
      b.score - a.score || b.matched - a.matched || (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : 1),
  );
}
