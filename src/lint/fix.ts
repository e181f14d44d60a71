import type { VFileMessage } from 'vfile-message';

/** A text replacement a lint message offers: inside `[start, end)`, `actual` becomes `expected`. */
interface Fix {
  start: number;
  end: number;
  actual: string;
  expected: string;
}

/** The fixes offered by messages that name exactly one replacement and where it applies. */
export function fixesOf(messages: VFileMessage[]): Fix[] {
  const fixes: Fix[] = [];
  for (const message of messages) {
    const place = message.place;
    if (!message.actual || message.expected?.length !== 1 || !place || !('start' in place)) continue;
    const { start, end } = place;
    if (start.offset === undefined || end.offset === undefined) continue;
    fixes.push({ start: start.offset, end: end.offset, actual: message.actual, expected: message.expected[0] });
  }
  return fixes;
}

/**
 * Applies fixes to a file's text, last first so earlier offsets stay valid; a fix whose `actual`
 * text is no longer where the message saw it, or that overlaps another, is skipped. Everything
 * outside the replaced words stays byte for byte.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  let result = text;
  let applied = 0;
  let limit = Infinity;
  for (const fix of [...fixes].sort((a, b) => b.start - a.start)) {
    if (fix.end > limit) continue;
    const slice = result.slice(fix.start, fix.end);
    const at = slice.indexOf(fix.actual);
    if (at === -1) continue;
    result = `${result.slice(0, fix.start)}${slice.slice(0, at)}${fix.expected}${slice.slice(at + fix.actual.length)}${result.slice(fix.end)}`;
    applied += 1;
    limit = fix.start;
  }
  return { text: result, applied };
}
