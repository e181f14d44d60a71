import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { decodeHTMLAttribute } from 'entities';
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { Heading, Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { HtmlRemoval } from './html-policy.js';
import { structureRehypePlugins, structureRemarkPlugins } from './pipeline.js';

/** A link destination as the rendered page carries it (`href` or `src`), before source links are rewritten. */
export interface StructureLink {
  url: string;
  /** 1-based position in the file. */
  line: number;
  column: number;
}

export interface StructureHeading {
  depth: number;
  text: string;
  id: string;
  line: number;
}

/** What a page renders that other pages and the checker depend on: its links and the ids a `#fragment` can reach. */
export interface PageStructure {
  links: StructureLink[];
  /** Element ids (and `<a name>`) of the rendered body, in document order. */
  ids: string[];
  headings: StructureHeading[];
  /** Raw HTML the sanitiser removed. */
  htmlRemovals: HtmlRemoval[];
  /** The MDX syntax error that stops the page from compiling, if any. */
  syntaxError?: { message: string; line: number; column: number };
}

/** The mdast of a page, parsed as the site parses it, with the file it belongs to. */
export interface ParsedPage {
  tree: MdastRoot;
  file: VFile;
  mdx: boolean;
}

// MDX nodes stay in the tree as they do in @mdx-js/mdx, so their `href`/`src` attributes are seen.
const MDX_NODE_TYPES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];

let processors: { md: Processor<MdastRoot>; mdx: Processor<MdastRoot>; mdHast: Processor; mdxHast: Processor } | undefined;

// Built once: a unified processor is reusable, and building one costs more than parsing a page.
function pipelines() {
  processors ??= {
    md: unified().use(remarkParse).use(remarkGfm).use(structureRemarkPlugins),
    mdx: unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(structureRemarkPlugins),
    mdHast: unified()
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(structureRehypePlugins)
      .use(rehypeHeadingIds) as unknown as Processor,
    mdxHast: unified()
      .use(remarkRehype, { allowDangerousHtml: true, passThrough: MDX_NODE_TYPES } as never)
      .use(structureRehypePlugins)
      .use(rehypeHeadingIds) as unknown as Processor,
  };
  return processors;
}

/**
 * Parses a page body the way Astro does (remark-parse, GFM, MDX for `.mdx`, the site's own
 * remark plugins). `source` is the body with the frontmatter blanked out, so positions are file
 * positions. Throws the MDX parser's error for a page that does not compile. `onParsed` sees the
 * tree straight from the parser, before the plugins change it.
 */
export function parsePage(source: string, path: string, onParsed?: (tree: MdastRoot) => void): ParsedPage {
  const mdx = path.toLowerCase().endsWith('.mdx');
  const file = new VFile({ value: source, path });
  const processor = mdx ? pipelines().mdx : pipelines().md;
  const parsed = processor.parse(file);
  // The tree as remark-parse and GFM made it, before any transform: what Astro's Markdown
  // processor parses the same body into (see `createPageRenderer`).
  onParsed?.(parsed);
  const tree = processor.runSync(parsed, file) as MdastRoot;
  return { tree, file, mdx };
}

/**
 * The links, ids and headings a parsed page renders: the tree goes through the same steps that
 * decide them in the site build (smartypants, remark-rehype, the raw-HTML sanitiser, Astro's
 * heading ids, rehype-raw), and the result is read off the HTML tree.
 */
export function structureOf(page: ParsedPage): PageStructure {
  smartenHeadings(page.tree);
  markDefinitionPlaces(page.tree);
  const hastProcessor = page.mdx ? pipelines().mdxHast : pipelines().mdHast;
  // Astro's last step, rehype-raw, has nothing left to do here: the sanitiser already parsed all raw HTML.
  const hast = hastProcessor.runSync(page.tree, page.file) as HastRoot;
  const structure = collect(hast, page.mdx);
  return { ...structure, htmlRemovals: (page.file.data.kbHtmlRemovals as HtmlRemoval[] | undefined) ?? [] };
}

/** `parsePage` and `structureOf` in one, with an MDX syntax error returned instead of thrown. */
export function readStructure(source: string, options: { path: string }): PageStructure {
  let page: ParsedPage;
  try {
    page = parsePage(source, options.path);
  } catch (error) {
    return { links: [], ids: [], headings: [], htmlRemovals: [], syntaxError: syntaxErrorOf(error) };
  }
  try {
    return structureOf(page);
  } catch (error) {
    // A tree too deep for the HTML steps' recursion: the build could not render it either.
    return { links: [], ids: [], headings: [], htmlRemovals: [], syntaxError: { ...syntaxErrorOf(error), line: 1, column: 1 } };
  }
}

/** Position and reason of a parser error, as micromark and the MDX tokenizer report it. */
export function syntaxErrorOf(error: unknown): { message: string; line: number; column: number } {
  const problem = error as {
    reason?: string;
    message: string;
    line?: number;
    column?: number;
    place?: { line?: number; column?: number; start?: { line: number; column: number } };
  };
  const text = problem.reason ?? problem.message;
  // Errors about unclosed components carry their position only in the text: `… (2:1-2:25)`.
  const written = /\s*\((\d+):(\d+)-\d+:\d+\)$/.exec(text);
  return {
    message: text.slice(0, written?.index ?? text.length).replace(/\.$/, ''),
    line: problem.line ?? problem.place?.start?.line ?? problem.place?.line ?? Number(written?.[1] ?? 1),
    column: problem.column ?? problem.place?.start?.column ?? problem.place?.column ?? Number(written?.[2] ?? 1),
  };
}

/**
 * Astro's smartypants step, applied to the headings only: ids depend on heading text alone, and
 * the step's context-dependent part (quote direction) only produces characters the slugger
 * drops, so a tree of just the headings gives the same ids at a fraction of the cost.
 */
function smartenHeadings(tree: MdastRoot): void {
  const headings: Heading[] = [];
  visit(tree, 'heading', (node) => {
    // Only dashes, ellipses and double backticks change what the slugger keeps; quotes it drops
    // either way. A heading without them is left alone (most are), saving retext's cost.
    if (/--|\.\.\.|``/.test(toString(node))) headings.push(node);
    return 'skip';
  });
  if (headings.length === 0) return;
  const transform = (remarkSmartypants as unknown as () => (tree: MdastRoot) => void)();
  transform({ type: 'root', children: headings });
}

// The property the checker's own HTML tree carries for links made from a reference definition.
const DEFINED_AT = 'dataKbDefinedAt';

/**
 * Links written as `[text][ref]` render where the reference is, but their destination is written
 * in the definition (`[ref]: ./x.md`): findings point there, where the fix goes. The first
 * definition of a label wins, as in CommonMark.
 */
function markDefinitionPlaces(tree: MdastRoot): void {
  const places = new Map<string, string>();
  visit(tree, 'definition', (node) => {
    const at = node.position?.start;
    if (at && !places.has(node.identifier)) places.set(node.identifier, `${at.line}:${at.column}`);
  });
  if (places.size === 0) return;
  visit(tree, (node) => {
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
    const place = places.get(node.identifier);
    if (place) node.data = { ...node.data, hProperties: { ...node.data?.hProperties, [DEFINED_AT]: place } };
  });
}

type JsxElement = MdxJsxFlowElementHast | MdxJsxTextElementHast;

function collect(tree: HastRoot, mdx: boolean): Omit<PageStructure, 'htmlRemovals'> {
  const links: StructureLink[] = [];
  const ids: string[] = [];
  const headings: StructureHeading[] = [];
  visit(tree, (node: HastRoot | HastContent) => {
    if (node.type === 'element') collectElement(node, links, ids, headings);
    else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') collectJsx(node, links, ids);
  });
  if (!mdx) return { links, ids, headings };
  // MDX pages are rendered by Astro's JSX runtime, which writes attribute values without escaping
  // `&`: the browser then decodes character references in them once more.
  const decode = (text: string) => (text.includes('&') ? decodeHTMLAttribute(text) : text);
  return { links: links.map((link) => ({ ...link, url: decode(link.url) })), ids: ids.map(decode), headings };
}

function collectElement(node: Element, links: StructureLink[], ids: string[], headings: StructureHeading[]): void {
  const defined = node.properties[DEFINED_AT];
  const [line, column] = typeof defined === 'string' ? defined.split(':').map(Number) : [];
  const at = line ? { line, column } : (node.position?.start ?? { line: 1, column: 1 });
  const { href, src, id, name } = node.properties;
  if (typeof href === 'string') links.push({ url: href, line: at.line, column: at.column });
  if (typeof src === 'string') links.push({ url: src, line: at.line, column: at.column });
  if (typeof id === 'string' && id !== '') ids.push(id);
  if (node.tagName === 'a' && typeof name === 'string' && name !== '') ids.push(name);
  const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
  if (depth && typeof id === 'string') headings.push({ depth: Number(depth), text: hastToString(node), id, line: at.line });
}

function collectJsx(node: JsxElement, links: StructureLink[], ids: string[]): void {
  // An HTML element written as JSX renders its attributes as written (names are case-insensitive,
  // the last of a repeated attribute wins, a bare attribute renders as `"true"`). A component may
  // render `href`/`src` anywhere, and the site rewrites them as links, so they count as links too.
  const html = node.name !== null && /^[a-z]/.test(node.name) && !node.name.includes('.');
  const attributes = new Map<string, { value: string; at: { line: number; column: number } }>();
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue;
    const value = attribute.value === null || attribute.value === undefined ? 'true' : attribute.value;
    if (typeof value !== 'string') continue;
    // Findings point at the element, as for Markdown and raw HTML links.
    const at = node.position?.start ?? (attribute).position?.start ?? { line: 1, column: 1 };
    attributes.set(html ? attribute.name.toLowerCase() : attribute.name, { value, at });
  }
  for (const name of ['href', 'src']) {
    const attribute = attributes.get(name);
    if (attribute) links.push({ url: attribute.value, line: attribute.at.line, column: attribute.at.column });
  }
  if (!html) return;
  const id = attributes.get('id')?.value;
  if (id) ids.push(id);
  const anchor = node.name === 'a' ? attributes.get('name')?.value : undefined;
  if (anchor) ids.push(anchor);
}
