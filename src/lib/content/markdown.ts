import { headingIds, headingText } from './headings.js';

/** A link, image or link definition found in a page's Markdown. */
export interface ScannedLink {
  url: string;
  /** 1-based position of the link in the file. */
  line: number;
  column: number;
  kind: 'link' | 'image' | 'definition' | 'html';
}

export interface ScannedHeading {
  depth: number;
  text: string;
  id: string;
  line: number;
}

/** What the health check needs from a page body: its headings, anchor ids and links. */
export interface ScannedMarkdown {
  headings: ScannedHeading[];
  /** Every id a `#fragment` may point at: heading ids plus explicit `id` attributes. */
  anchors: Set<string>;
  links: ScannedLink[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
const INLINE_LINK =
  /(!?)\[(?:[^[\]\\]|\\.|\[(?:[^[\]\\]|\\.)*\])*\]\([ \t]*(<[^>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*\)/g;
const HTML_LINK = /<(?:a|img|link|source)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/gi;
const HTML_ID = /<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)'|\{\s*["'`]([^"'`]+)["'`]\s*\})/g;
const HTML_HEADING = /^\s*<h([1-6])\b([^>]*)>(.*?)<\/h\1>/i;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d+[.)])[ \t]/;

/**
 * Extracts headings, anchors and links from Markdown or MDX with a line scanner instead of a
 * full parse: the health check reads every page on every run, and a parser costs ~3 ms a page.
 * Fenced code and inline code spans are skipped; `lineOffset` is the file line of `body`'s
 * first line.
 */
export function scanMarkdown(body: string, lineOffset = 1, mdx = false): ScannedMarkdown {
  const lines = body.split(/\r?\n/);
  const headingSource: { depth: number; text: string; line: number; id?: string }[] = [];
  const anchors = new Set<string>();
  const links: ScannedLink[] = [];
  let fence: string | undefined;
  let previous = '';
  let previousIsParagraph = false;

  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i];
    const lineNo = i + lineOffset;
    // Each pattern runs only on lines that can match it: this loop sees every line of every page.
    const first = firstNonSpace(raw);

    if (fence !== undefined) {
      const close = first === fence[0] ? FENCE.exec(raw) : null;
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && raw.trim() === close[1]) fence = undefined;
      previous = '';
      previousIsParagraph = false;
      continue;
    }
    const open = first === '`' || first === '~' ? FENCE.exec(raw) : null;
    if (open) {
      fence = open[1];
      previousIsParagraph = false;
      continue;
    }
    if (first === '') {
      previousIsParagraph = false;
      previous = raw;
      continue;
    }
    if (mdx && (first === 'i' || first === 'e') && /^(import|export)\s/.test(raw)) {
      previousIsParagraph = false;
      continue;
    }

    // Links are looked for with code spans blanked out; heading text keeps them, as the page shows them.
    const text = maskCode(raw);
    const atx = first === '#' ? ATX.exec(raw) : null;
    if (atx) {
      headingSource.push({ depth: atx[1].length, text: headingText(atx[2] ?? ''), line: lineNo });
    } else if (previousIsParagraph && (first === '=' || first === '-') && SETEXT.test(raw) && !LIST_ITEM.test(previous)) {
      headingSource.push({ depth: raw.trim()[0] === '=' ? 1 : 2, text: headingText(previous), line: lineNo - 1 });
      previousIsParagraph = false;
      previous = raw;
      continue;
    } else {
      const html = first === '<' ? HTML_HEADING.exec(raw) : null;
      if (html) {
        const id = /\sid\s*=\s*["']([^"']+)["']/.exec(html[2])?.[1];
        headingSource.push({ depth: Number(html[1]), text: headingText(html[3]), line: lineNo, id });
      }
    }

    const definition = first === '[' && text.includes(']:') ? DEFINITION.exec(text) : null;
    if (definition) {
      links.push({ url: unwrap(definition[2]), line: lineNo, column: text.indexOf('[') + 1, kind: 'definition' });
    } else if (text.includes('](')) {
      for (const match of text.matchAll(INLINE_LINK)) {
        links.push({ url: unwrap(match[2]), line: lineNo, column: match.index + 1, kind: match[1] ? 'image' : 'link' });
      }
    }
    if (text.includes('<')) {
      for (const match of text.matchAll(HTML_LINK)) {
        links.push({ url: match[1] ?? match[2] ?? match[3] ?? '', line: lineNo, column: match.index + 1, kind: 'html' });
      }
      for (const match of text.matchAll(HTML_ID)) anchors.add(match[1] ?? match[2] ?? match[3]);
    }

    previousIsParagraph = !atx && first !== '>' && first !== '<' && first !== '|' && first !== '{';
    previous = raw;
  }

  const ids = headingIds(headingSource.map((h) => h.text));
  const headings = headingSource.map((h, index) => ({ depth: h.depth, text: h.text, line: h.line, id: h.id ?? ids[index] }));
  for (const heading of headings) anchors.add(heading.id);
  return { headings, anchors, links };
}

/** The first character that is not a space or tab, or '' for a blank line. */
function firstNonSpace(line: string): string {
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char !== ' ' && char !== '\t') return char;
  }
  return '';
}

/** Replaces inline code spans with spaces so their content is not read as links; columns stay put. */
function maskCode(line: string): string {
  if (!line.includes('`')) return line;
  return line.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

function unwrap(url: string): string {
  return url.startsWith('<') && url.endsWith('>') ? url.slice(1, -1) : url.replace(/\\(.)/g, '$1');
}
