import { distance } from 'fastest-levenshtein';

const fold = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The candidate closest to `input`, or undefined when none is close enough to be a likely typo.
 * Case and separators are ignored first, so `lastReviewed` and `last_reviewed` find `last-reviewed`.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(input);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = distance(folded, fold(candidate));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(2, Math.floor(folded.length / 3));
  return best !== undefined && bestScore <= allowed ? best : undefined;
}

/** `; did you mean `x`` when a close match exists, otherwise an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean \`${match}\``;
}
