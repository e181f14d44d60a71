import { distance } from 'fastest-levenshtein';

const fold = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Finds likely typos among a fixed list of names. Candidates are folded once (case and
 * separators ignored, so `lastReviewed` and `last_reviewed` find `last-reviewed`), and candidates
 * whose length alone rules them out are skipped: a corpus of 10,000 pages with many broken links
 * must not cost links × pages edit distances.
 */
export class Suggester {
  private readonly folded: { candidate: string; key: string; counts: Uint8Array }[];

  constructor(candidates: Iterable<string>) {
    this.folded = [...candidates].map((candidate) => ({ candidate, key: fold(candidate), counts: characterCounts(fold(candidate)) }));
  }

  /** The closest candidate, or undefined when none is close enough to be a likely typo. */
  closest(input: string): string | undefined {
    const key = fold(input);
    const counts = characterCounts(key);
    const allowed = Math.max(2, Math.floor(key.length / 3));
    let best: string | undefined;
    let bestScore = allowed + 1;
    for (const { candidate, key: other, counts: otherCounts } of this.folded) {
      // The edit distance is never below the length difference, nor below half the difference
      // in character counts (each edit changes at most two counts): both are cheaper to compute.
      if (Math.abs(other.length - key.length) >= bestScore) continue;
      if (countDistance(counts, otherCounts) >= bestScore * 2) continue;
      const score = distance(key, other);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }
}

/** The candidate closest to `input`, or undefined when none is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  return new Suggester(candidates).closest(input);
}

/** `; did you mean `x`` when a close match exists, otherwise an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean \`${match}\``;
}

/** How often each character occurs, folded into 64 buckets. */
function characterCounts(text: string): Uint8Array {
  const counts = new Uint8Array(64);
  for (let i = 0; i < text.length; i += 1) {
    const bucket = text.charCodeAt(i) & 63;
    if (counts[bucket] < 255) counts[bucket] += 1;
  }
  return counts;
}

function countDistance(a: Uint8Array, b: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < 64; i += 1) total += Math.abs(a[i] - b[i]);
  return total;
}
