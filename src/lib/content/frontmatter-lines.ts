// Where frontmatter keys and list items sit, read off the text: light enough for every reader.

/** Top-level keys of the frontmatter block and their 1-based lines. */
export function findKeyLines(source: string, bodyLine: number): Map<string, number> {
  const lines = new Map<string, number>();
  const KEY = /^(["']?)([^\s:#"'][^:#"']*?)\1\s*:(?:\s|$)/;
  let index = 0;
  let lineNo = 1;
  while (index < source.length && lineNo < bodyLine) {
    const end = source.indexOf('\n', index);
    const text = source.slice(index, end === -1 ? source.length : end);
    const match = KEY.exec(text);
    if (match && lineNo > 1 && !lines.has(match[2])) lines.set(match[2], lineNo);
    if (end === -1) break;
    index = end + 1;
    lineNo += 1;
  }
  return lines;
}

/** Line of the n-th `- item` of a block list that starts under `keyLine`, when written that way. */
export function listItemLine(source: string, keyLine: number, index: number): number | undefined {
  const lines = source.split(/\r?\n/);
  let seen = -1;
  for (let i = keyLine; i < lines.length; i += 1) {
    const text = lines[i];
    if (/^\S/.test(text)) break;
    if (/^\s*-\s/.test(text)) {
      seen += 1;
      if (seen === index) return i + 1;
    }
  }
  return undefined;
}
