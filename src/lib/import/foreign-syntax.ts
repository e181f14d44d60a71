/**
 * Line-by-line rewriting (one line out for each line in, so findings keep their source lines) of other site generators' syntax into plain Markdown: Hugo shortcodes,
 * MkDocs admonitions and attribute lists, table-of-contents markers. Fenced code is left as it
 * is: a shortcode inside a code sample is an example, not markup.
 */

export interface ForeignSyntaxResult {
  text: string;
  /** What was rewritten or removed, by kind (`shortcode removed: hint`, `admonition`, …), with counts. */
  changes: Map<string, number>;
  /** Explicit heading ids (`## Clean up {#cleanup}`) by the 1-based line of the heading in `text`. */
  explicitIds: Map<number, string>;
}

export interface ForeignSyntaxOptions {
  /** Resolves the path of a Hugo `ref`/`relref` to a link from this page, or undefined. */
  resolveRef(target: string): string | undefined;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TOC_LINE = /^\s*(?:\[\[_TOC_\]\]|\[TOC\]|\[\[TOC\]\]|\{\{[<%]\s*toc\s*[>%]\}\})\s*$/i;
// No part of a match can run past a brace, so each scan stops at the next `{` or `}`: linear on a line of unclosed shortcodes.
const REF = /\{\{[<%]\s*(?:rel)?ref\s+(?:"([^"{}]*)"|'([^'{}]*)'|([^\s>%{}]+))\s*[>%]\}\}/g;
const SHORTCODE = /\{\{[<%]\s*\/?\s*([A-Za-z][\w-]*)[^{}]*[>%]\}\}/g;
const BLOCK_SHORTCODE_OPEN =
  /^\s*\{\{[<%]\s*(hint|notice|alert|callout|note|warning|tip|info|admonition|caution|danger|important)\b([^}]*?)\s*[>%]\}\}\s*$/i;
const BLOCK_SHORTCODE_CLOSE =
  /^\s*\{\{[<%]\s*\/\s*(hint|notice|alert|callout|note|warning|tip|info|admonition|caution|danger|important)\s*[>%]\}\}\s*$/i;
const ADMONITION = /^(\s*)(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$/;
const ATTRIBUTE_LIST_LINE = /^\s*\{:[^}]*\}\s*$/;
const ATTRIBUTE_LIST_INLINE = /\{:[^}\n]*\}/g;
const ATTRIBUTE_TOKEN = String.raw`(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|[^\s}"=]*))`;
// Tokens are separated by spaces and cannot contain `.`, `#` or `=`, so a line splits one way only: no backtracking blow-up.
const HEADING_ATTRIBUTES = new RegExp(
  String.raw`^(\s{0,3}#{1,6}\s.*?)\s*\{\s*:?\s*(${ATTRIBUTE_TOKEN}(?:\s+${ATTRIBUTE_TOKEN})*)\s*\}\s*$`,
);

function count(changes: Map<string, number>, kind: string): void {
  changes.set(kind, (changes.get(kind) ?? 0) + 1);
}

function label(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** Rewrites one source page's body; see the module comment. */
export function rewriteForeignSyntax(source: string, options: ForeignSyntaxOptions): ForeignSyntaxResult {
  const lines = source.split('\n');
  const out: string[] = [];
  const changes = new Map<string, number>();
  const explicitIds = new Map<number, string>();
  let fence: string | undefined;
  /** Open block shortcode (`{{< hint >}}`): its body is quoted until the closing tag. */
  let quoting = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      out.push(quoting ? quote(line) : line);
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1])
        fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push(quoting ? quote(line) : line);
      continue;
    }
    if (TOC_LINE.test(line)) {
      count(changes, 'table-of-contents marker removed');
      out.push('');
      continue;
    }
    const open = BLOCK_SHORTCODE_OPEN.exec(line);
    if (open && !quoting) {
      const kind = /\b(info|warning|danger|tip|note|caution|important)\b/i.exec(open[2])?.[1] ?? open[1];
      out.push(`> **${label(kind)}:**`);
      quoting = true;
      count(changes, `shortcode \`${open[1].toLowerCase()}\` became a quote`);
      continue;
    }
    if (BLOCK_SHORTCODE_CLOSE.test(line) && quoting) {
      quoting = false;
      out.push('');
      continue;
    }
    const admonition = ADMONITION.exec(line);
    if (admonition && !quoting) {
      const [, indent, , kind, title] = admonition;
      const body: string[] = [];
      let next = index + 1;
      const inner = `${indent}    `;
      while (next < lines.length && (lines[next].startsWith(inner) || lines[next].startsWith(`${indent}\t`) || lines[next].trim() === '')) {
        body.push(lines[next]);
        next += 1;
      }
      while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
      next = index + 1 + body.length;
      const heading = title === undefined ? label(kind) : title.trim();
      // One line for one line, so positions in the result are positions in the source.
      out.push(heading === '' ? `${indent}>` : `${indent}> **${heading}:**`);
      for (const bodyLine of body) {
        const dedented = bodyLine.startsWith(inner) ? bodyLine.slice(inner.length) : bodyLine.replace(/^\s*\t/, '').replace(/^\s+$/, '');
        out.push(dedented === '' ? `${indent}>` : `${indent}> ${rewriteInline(dedented, options, changes)}`);
      }
      count(changes, 'admonition became a quote');
      index = next - 1;
      continue;
    }
    if (ATTRIBUTE_LIST_LINE.test(line)) {
      count(changes, 'attribute list removed');
      out.push('');
      continue;
    }
    let rewritten = line;
    const heading = HEADING_ATTRIBUTES.exec(rewritten);
    if (heading) {
      const id = /#([\w:.-]+)/.exec(heading[2])?.[1];
      rewritten = heading[1];
      if (id) explicitIds.set(out.length + 1, id);
      count(changes, 'attribute list removed');
    }
    rewritten = rewriteInline(rewritten, options, changes);
    out.push(quoting ? quote(rewritten) : rewritten);
  }
  return { text: out.join('\n'), changes, explicitIds };
}

function quote(line: string): string {
  return line === '' ? '>' : `> ${line}`;
}

/** Hugo `ref` links, other shortcodes and inline attribute lists within one line. */
function rewriteInline(line: string, options: ForeignSyntaxOptions, changes: Map<string, number>): string {
  let text = line.replace(REF, (whole, double?: string, single?: string, bare?: string) => {
    const target = double ?? single ?? bare ?? '';
    const resolved = options.resolveRef(target);
    count(changes, 'Hugo ref');
    return resolved ?? target;
  });
  text = text.replace(SHORTCODE, (_whole, name: string) => {
    count(changes, `shortcode \`${name}\` removed`);
    return '';
  });
  if (/\{:[^}\n]*\}/.test(text)) {
    text = text.replace(ATTRIBUTE_LIST_INLINE, () => {
      count(changes, 'attribute list removed');
      return '';
    });
    text = text.replace(/\s+$/, '');
  }
  return text;
}
