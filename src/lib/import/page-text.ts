import { slug as githubSlug } from 'github-slugger';
import type { Heading, Html, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { RAW_HTML_SCHEMA } from '../content/html-policy.js';

const parser = unified().use(remarkParse).use(remarkGfm);

/** The Markdown tree of a page body, as this site parses `.md` pages. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** A heading of a source page with the anchors other generators give it. */
export interface SourceHeading {
  depth: number;
  text: string;
  /** 1-based line in the body. */
  line: number;
  start: number;
  end: number;
  /** Anchors GitHub, GitLab and MkDocs make for it (duplicates numbered as each does). */
  foreignAnchors: string[];
}

/** Every heading of a body, with the anchors other generators would give it. */
export function headingsOf(tree: Root, explicitIds: Map<number, string>): SourceHeading[] {
  const github = new Map<string, number>();
  const mkdocs = new Map<string, number>();
  const gitlab = new Map<string, number>();
  const headings: SourceHeading[] = [];
  visit(tree, 'heading', (node: Heading) => {
    const text = toString(node).trim();
    const line = node.position!.start.line;
    const anchors = [
      numbered(github, githubSlug(text), '-'),
      numbered(gitlab, gitlabSlug(text), '-'),
      numbered(mkdocs, mkdocsSlug(text), '_'),
    ];
    const explicit = explicitIds.get(line);
    if (explicit !== undefined) anchors.unshift(explicit);
    headings.push({
      depth: node.depth,
      text,
      line,
      start: node.position!.start.offset!,
      end: node.position!.end.offset!,
      foreignAnchors: anchors,
    });
  });
  return headings;
}

function numbered(seen: Map<string, number>, slug: string, separator: string): string {
  const count = seen.get(slug) ?? 0;
  seen.set(slug, count + 1);
  return count === 0 ? slug : `${slug}${separator}${count}`;
}

/** Python-Markdown's `toc` slug, which MkDocs uses: ASCII word characters, spaces to `-`. */
export function mkdocsSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^ -~]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** GitLab's heading anchor: like GitHub's, but runs of hyphens become one. */
export function gitlabSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-')
    .replace(/-{2,}/g, '-');
}

/** A section: a heading and the blocks up to the next heading of the same or a higher level. */
export interface Section {
  heading: Heading;
  text: string;
  blocks: RootContent[];
}

/** The sections of a body, one per heading, in order. */
export function sectionsOf(tree: Root): Section[] {
  const sections: Section[] = [];
  const children = tree.children;
  children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const blocks: RootContent[] = [];
    for (let next = index + 1; next < children.length; next += 1) {
      const block = children[next];
      if (block.type === 'heading' && block.depth <= node.depth) break;
      blocks.push(block);
    }
    sections.push({ heading: node, text: toString(node).trim(), blocks });
  });
  return sections;
}

/** The first sentence of the first paragraph or list item of some blocks, as plain one-line text. */
export function firstSentence(blocks: RootContent[]): string | undefined {
  for (const block of blocks) {
    if (block.type === 'heading') return undefined;
    const paragraph = firstParagraph(block);
    if (!paragraph) continue;
    const text = inlineText(paragraph).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const sentence = /^(.+?[.!?])(?=\s+[A-Z0-9("'`]|$)/.exec(text)?.[1] ?? text;
    return sentence.length <= 300 ? sentence : `${sentence.slice(0, 300).replace(/\s+\S*$/, '')}`;
  }
  return undefined;
}

/** Plain text of inline Markdown that keeps code spans in backticks: error text stays marked as such. */
function inlineText(node: Nodes): string {
  if (node.type === 'inlineCode') return `\`${node.value}\``;
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(inlineText).join('');
  return 'value' in node && typeof node.value === 'string' && node.type !== 'html' ? node.value : '';
}

function firstParagraph(node: Nodes): Nodes | undefined {
  if (node.type === 'paragraph') return node;
  if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    for (const child of node.children) {
      const found = firstParagraph(child);
      if (found) return found;
    }
  }
  return undefined;
}

// Elements the site's sanitiser keeps; anything else written in angle brackets is text to escape.
const KEPT_TAGS = new Set((RAW_HTML_SCHEMA.tagNames ?? []).filter((tag) => !(RAW_HTML_SCHEMA.strip ?? []).includes(tag)));

/**
 * Offsets of the `<` to escape so that angle-bracket text stays visible: `<placeholder>`,
 * `<your-namespace>`, and elements the site would remove (`<script>`, `<iframe>`); comments and
 * elements it keeps (`<details>`, `<br>`) stay HTML. `unsafe` lists lines whose HTML the
 * checker found unsafe (an `onerror` attribute): every tag on them is escaped.
 */
export function htmlToEscape(tree: Root, unsafeLines: Set<number> = new Set()): number[] {
  const offsets: number[] = [];
  visit(tree, 'html', (node: Html) => {
    const value = node.value;
    if (value.startsWith('<!--')) return;
    const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(value)?.[1]?.toLowerCase();
    const line = node.position!.start.line;
    if (tag !== undefined && KEPT_TAGS.has(tag) && !unsafeLines.has(line)) return;
    offsets.push(node.position!.start.offset!);
  });
  return offsets;
}

/** Inserts a backslash before each offset (descending order keeps the others valid). */
export function escapeAt(text: string, offsets: number[]): string {
  let result = text;
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) result = `${result.slice(0, offset)}\\${result.slice(offset)}`;
  return result;
}

/** Escapes angle-bracket text until the parse holds no HTML the site would drop (each escape can reveal more). */
export function escapeHtmlText(text: string, unsafeLines?: Set<number>): { text: string; escaped: number } {
  let current = text;
  let escaped = 0;
  for (let round = 0; round < 20; round += 1) {
    const offsets = htmlToEscape(parseMarkdown(current), unsafeLines);
    if (offsets.length === 0) break;
    current = escapeAt(current, offsets);
    escaped += offsets.length;
  }
  return { text: current, escaped };
}
