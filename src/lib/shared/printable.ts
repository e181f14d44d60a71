/**
 * Control characters, and the Unicode marks that reorder text, that a page can put in a value a
 * message quotes (a YAML `"\e[2J"` escape, a file name, a fence's language). Printed as they are,
 * they reach a terminal or a CI log as commands: clear the screen, move the cursor up over an
 * error, rewrite the summary line as "0 errors", or show text in another order than it is stored.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with each control or direction character written as its escape (`\x1b`, `\n`, `\u202e`), so it is seen and does nothing. */
export function printable(text: string): string {
  UNPRINTABLE.lastIndex = 0;
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A value a page wrote, as a message quotes it: on one line, at most 40 characters (a 15 KB attribute is not a message). */
export function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
