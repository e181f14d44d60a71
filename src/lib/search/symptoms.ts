/**
 * Pasted error messages carry parts that differ from host to host and run to run: addresses,
 * ids, timestamps. Search must ignore them, or the same error elsewhere finds nothing.
 */
const VOLATILE: [RegExp, string][] = [
  // ISO 8601 and syslog timestamps, clock times with fractions
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, ' '],
  [/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\b/g, ' '],
  [/\b\d{4}[-/]\d{2}[-/]\d{2}\b/g, ' '],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, ' '],
  // UUIDs
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' '],
  // PCI addresses (0000:04:00.0, 04:00.0)
  [/\b(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\b/gi, ' '],
  // MAC addresses
  [/\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b/gi, ' '],
  // IPv4 with optional port and CIDR
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:\/\d{1,2})?\b/g, ' '],
  // IPv6: the full eight groups, or a compressed form with `::`
  [/(?<![\w:.])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?:%\w+)?(?![\w:])/gi, ' '],
  [/(?<![\w:.])(?:[0-9a-f]{1,4}:){0,6}:(?::?[0-9a-f]{1,4}){0,6}(?:%\w+)?(?![\w:])/gi, ' '],
  // 0x-prefixed hex
  [/\b0x[0-9a-f]+\b/gi, ' '],
  // Kubernetes pod names: deployment-<replicaset hash>-<pod suffix>, statefulset/job suffixes
  [/\b([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '$1'],
  [/\b([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-[bcdfghjklmnpqrstvwxz2456789]{5}\b(?=[^-]|$)/g, '$1'],
  // ids glued to a name: instance-00000a1b, i-0abc123def4567890
  [/\b([a-z]+)-(?=[0-9a-f]*\d)[0-9a-f]{6,}\b/gi, '$1'],
  // bare hex ids with at least one digit and one letter (container ids, hashes)
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, ' '],
  // long numbers: pids, ports, byte counts, event numbers
  [/\b\d{4,}\b/g, ' '],
];

const QUOTES = /[“”„‟"'‘’`«»]/g;
// Leading `/` stays: it marks a path such as `/var/lib/docker`.
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}/]+|[^\p{L}\p{N}]+$/gu;

/** Drops the volatile parts of a pasted error message so the same error from any host finds the same page. */
export function normaliseSymptomQuery(input: string): string {
  let text = input.replace(QUOTES, ' ');
  for (const [pattern, replacement] of VOLATILE) text = text.replace(pattern, replacement);
  return text
    .replace(/[()[\]{}<>|,;=]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter((word) => word !== '' && !/^[\d/.:-]{1,3}$/.test(word))
    .join(' ');
}

// Words too common in error messages to tell pages apart; searching them alone floods results.
// Also the filler of a described problem ("my pods keep …, what is going on there"); words that
// carry meaning in operations (`down`, `out`, `up`, `full`, `not`) are kept out of this list.
export const STOP_WORDS = new Set(
  [
    'a an and are as at be by can could did do does error failed for from has have in is it its no of on or the to was were with will error: warning info debug',
    'i im me my we our you your this that these those there here what which who when where why how just very too also then than so but if into about after before while again itself keeps keep kept went get got getting been being some any',
    // Filler of a described problem and of a path's user story ("As a …, I want to …").
    'stuff thing things something somehow want wants wanted like',
    // Function words of everyday English that name nothing a page is about; not the ones that
    // carry an ops meaning (not, no, down, up, off, out, full, all, never, only).
    'am had having he she they them their his her him us ours yours would should shall might must may',
    'each every both few more most other others such same own over under above below between through during until',
    'because since though although even still really quite rather lets let says said say seems seem yet already ago anymore',
    'one ones someone anyone everyone nobody anything everything nothing whatever whenever somewhere',
  ]
    .join(' ')
    .split(' '),
);

/** The words of a normalised query worth searching on their own, longest first, without repeats. */
export function significantWords(query: string, limit = 12): string[] {
  const words = [...new Set(query.toLowerCase().split(/\s+/))].filter((word) => word.length > 1 && !STOP_WORDS.has(word));
  return words.sort((a, b) => b.length - a.length).slice(0, limit);
}

/** The symptom of a page that shares most words with the query, to show why the page matched. */
export function bestMatchingSymptom(symptoms: string[], query: string): string | undefined {
  const words = significantWords(normaliseSymptomQuery(query), 30);
  let best: string | undefined;
  let bestScore = 0;
  for (const symptom of symptoms) {
    const haystack = symptom.toLowerCase();
    const score = words.filter((word) => haystack.includes(word)).length;
    if (score > bestScore) {
      best = symptom;
      bestScore = score;
    }
  }
  return best ?? symptoms[0];
}

/** Separator between symptoms in the search index's `symptoms` field. */
export const SYMPTOM_SEPARATOR = ' ␞ ';
