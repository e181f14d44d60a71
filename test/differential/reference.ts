/**
 * The reference side of the differential test: a page rendered by Astro's own Markdown and MDX
 * pipelines (with the site's content-changing plugins, but without the source-link rewriting, so
 * destinations stay as written), and the link destinations and element ids of the result.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMarkdownProcessor,
  rehypeHeadingIds,
  remarkCollectImages,
  type MarkdownProcessorRenderOptions,
  type RehypePlugins,
  type RemarkPlugins,
} from '@astrojs/markdown-remark';
import { createProcessor, nodeTypes } from '@mdx-js/mdx';
import { rehypeAnalyzeAstroMetadata } from 'astro/jsx/rehype.js';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import type { Pluggable, PluggableList } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
// @astrojs/mdx exports none of its plugin modules (its package.json `exports` lists only `.` and
// `./server.js`), so they are imported from its dist folder by file path.
import { rehypeApplyFrontmatterExport } from '../../node_modules/@astrojs/mdx/dist/rehype-apply-frontmatter-export.js';
import { rehypeInjectHeadingsExport } from '../../node_modules/@astrojs/mdx/dist/rehype-collect-headings.js';
import { rehypeImageToComponent } from '../../node_modules/@astrojs/mdx/dist/rehype-images-to-component.js';
import rehypeMetaString from '../../node_modules/@astrojs/mdx/dist/rehype-meta-string.js';
import { structureRehypePlugins, structureRemarkPlugins } from '../../src/lib/content/pipeline.js';
import remarkSourceLinks, { rehypeSourceLinks } from '../../src/lib/content/remark/source-links.js';

export interface ReferenceStructure {
  /** Every `href` and `src` of the rendered body: in document order, except that an MDX component's come last. */
  hrefs: string[];
  /** Every `id` of the rendered body, and `name` of `<a>`. */
  ids: string[];
}

/**
 * Astro replaces a Markdown image it optimises: in `.md` the `<img>` loses `src` for an
 * `__ASTRO_IMAGE_` JSON property (holding `decodeURI(src)`), in `.mdx` it becomes an `<astro-image>`
 * component whose `src` is the identifier of an import. The built page then shows the optimised
 * file's URL, but the destination the page was written with (and the checker checks) is the
 * `src` the image had just before that step. This plugin, added as the last of the site's rehype
 * plugins (which Astro runs right before its image step), copies that `src` into a property that
 * Astro's image step carries along untouched; `collect` reads the destination from it for those
 * images only. It changes nothing else.
 */
const WRITTEN_SRC = 'dataReferenceWrittenSrc';
function rehypeKeepWrittenImageSrc() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'img' && typeof node.properties.src === 'string') node.properties[WRITTEN_SRC] = node.properties.src;
    });
  };
}

/** The site rewrites source links to site URLs before Astro's image step; pages here live under the project folder. */
const SOURCE_LINKS = [remarkSourceLinks, { contentRoot: process.cwd(), base: '/' }] as unknown as Pluggable;
const REHYPE_SOURCE_LINKS = [rehypeSourceLinks, { contentRoot: process.cwd(), base: '/' }] as unknown as Pluggable;

const markdownProcessor = createMarkdownProcessor({
  // The site highlights code with Shiki (markdown.shikiConfig), left out here: it only wraps a
  // code block's text in coloured spans, with no ids and no links.
  syntaxHighlight: false,
  // `siteMarkdownConfig` minus the content policy (it only refuses pages); the test rewrites the
  // checker's destinations the same way. gfm and smartypants: Astro's defaults.
  remarkPlugins: [...structureRemarkPlugins, SOURCE_LINKS] as RemarkPlugins,
  rehypePlugins: [...structureRehypePlugins, REHYPE_SOURCE_LINKS, rehypeKeepWrittenImageSrc] as RehypePlugins,
});

/**
 * The MDX processor as `createMdxProcessor` in node_modules/@astrojs/mdx/dist/plugins.js builds
 * it (not exported by the package, so the plugin list is reproduced here in the same order), with
 * the options @astrojs/mdx resolves for this site: the Markdown config is extended (gfm,
 * smartypants, the site's remark and rehype plugins), no syntax highlighting (Shiki adds no ids or
 * links), `optimize` off, no recma plugins. A last rehype plugin keeps the final HTML tree.
 */
const mdxProcessor = createProcessor({
  remarkPlugins: [remarkGfm, remarkSmartypants, ...structureRemarkPlugins, SOURCE_LINKS, remarkCollectImages],
  rehypePlugins: [
    rehypeMetaString,
    [rehypeRaw, { passThrough: nodeTypes }],
    ...structureRehypePlugins,
    REHYPE_SOURCE_LINKS,
    rehypeKeepWrittenImageSrc,
    rehypeImageToComponent,
    [rehypeHeadingIds, { experimentalHeadingIdCompat: false }],
    rehypeInjectHeadingsExport,
    rehypeApplyFrontmatterExport,
    rehypeAnalyzeAstroMetadata,
    rehypeCaptureTree,
  ] as PluggableList,
  recmaPlugins: [],
  remarkRehypeOptions: {},
  jsxImportSource: 'astro',
  format: 'mdx',
  mdExtensions: [],
  elementAttributeNameCase: 'html',
});

function rehypeCaptureTree() {
  return (tree: HastRoot, file: VFile) => {
    file.data.referenceTree = tree;
  };
}

declare module 'vfile' {
  interface DataMap {
    referenceTree: HastRoot;
  }
}

/**
 * Renders `source` (a page body; `path` ends in `.md` or `.mdx` and decides the format) the way
 * the site build does and lists the link destinations and ids of the result. An MDX page that
 * does not compile, or a page Astro fails to render, gives `{ error }`.
 */
export async function renderReference(source: string, path: string): Promise<ReferenceStructure | { error: string }> {
  const absolute = resolve(path);
  if (absolute.toLowerCase().endsWith('.mdx')) {
    // As @astrojs/mdx's vite plugin passes it; the body comes without frontmatter.
    const file = new VFile({ value: source, path: absolute, data: { astro: { frontmatter: {} } } });
    try {
      await mdxProcessor.process(file);
    } catch (error) {
      return { error: (error as Error).message };
    }
    const components: ReferenceStructure = { hrefs: [], ids: [] };
    const html = toHtml(asRenderedHtml(file.data.referenceTree!, components), { allowDangerousHtml: true });
    const page = collect(fromHtml(html, { fragment: true }));
    return { hrefs: [...page.hrefs, ...components.hrefs], ids: [...page.ids, ...components.ids] };
  }
  let html: string;
  try {
    const processor = await markdownProcessor;
    // `fileURL` is not in the public type, but it is how Astro passes the page's path (the
    // VFile path that remarkPlaceholders and remarkCollectImages read).
    const options = { fileURL: pathToFileURL(absolute), frontmatter: {} } as MarkdownProcessorRenderOptions;
    html = (await silently(() => processor.render(source, options))).code;
  } catch (error) {
    return { error: (error as Error).message };
  }
  return collect(fromHtml(html, { fragment: true }));
}

/** Astro's Markdown renderer logs the errors it throws; the caller reports them instead. */
async function silently<T>(run: () => Promise<T>): Promise<T> {
  const log = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = log;
  }
}

/**
 * An `.mdx` page's final tree as the HTML the browser gets. Astro renders the compiled page with
 * its JSX runtime and the browser parses the result, which can change what the tree says:
 *
 * - the HTML parser reshapes misnested markup: a Markdown block inside a JSX `<a>` (`<a
 *   href="x">` then a paragraph holding a link) makes it repeat the outer `<a>`, `href` included,
 *   as the built page shows;
 * - Astro's `addAttribute` writes a value that contains `&` and parses as an http(s) URL without
 *   escaping it, so the browser decodes character references in it (`https://x.y/&amp;z`, a GFM
 *   autolink literal, arrives as `https://x.y/&z`).
 *
 * So the tree is turned into plain HTML, serialised and parsed again. JSX HTML elements
 * (lower-case names) become elements with the attributes they render (see `jsxAttributes`);
 * Astro's `<astro-image>` becomes the `<img>` it renders, with its written `src`; a component's
 * own markup is unknown here, so its `href` and `src` go straight to `components` and only
 * its children are kept; expressions and ESM render nothing checkable.
 */
function asRenderedHtml(tree: HastRoot, components: ReferenceStructure): HastRoot {
  const convert = (nodes: HastRoot['children']): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'element') {
        const properties = { ...node.properties };
        for (const key of ['href', 'src', 'id', 'name']) {
          if (typeof properties[key] === 'string') properties[key] = asBrowserReads(properties[key]);
        }
        return [{ ...node, properties, children: convert(node.children) }];
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const element = node as JsxElement;
        const attribute = jsxAttributes(element);
        const children = convert(element.children as HastRoot['children']);
        if (element.name === 'astro-image') {
          const src = attribute(WRITTEN_SRC);
          return [{ type: 'element', tagName: 'img', properties: src === undefined ? {} : { src }, children: [] }];
        }
        if (element.name !== null && isHtmlName(element.name)) {
          const properties: Record<string, string> = {};
          for (const key of ['href', 'src', 'id', 'name']) {
            const value = attribute(key);
            if (value !== undefined) properties[key] = asBrowserReads(value);
          }
          return [{ type: 'element', tagName: element.name, properties, children }];
        }
        for (const key of ['href', 'src'] as const) {
          const value = attribute(key);
          if (value !== undefined) components.hrefs.push(asBrowserReads(value));
        }
        // Its `id` is not counted: the allow-listed components (Callout) do not render one, so no
        // `#fragment` can rely on it.
        return children;
      }
      if (node.type === 'text' || node.type === 'comment' || node.type === 'raw') return [node as ElementContent];
      // mdxFlowExpression, mdxTextExpression, mdxjsEsm, doctype: nothing with links or ids.
      return [];
    });
  return { type: 'root', children: convert(tree.children) };
}

/**
 * An attribute value as the browser reads it from Astro's JSX output: escaped as written, except
 * that Astro's `addAttribute` leaves a value containing `&` that parses as an http(s) URL
 * unescaped (node_modules/astro/dist/runtime/server/render/util.js), so the HTML parser decodes
 * its character references. Only its `"` is escaped, as `&#34;`: the site's build changes that
 * line of Astro's runtime so a quote cannot end the attribute (src/integrations/attribute-quotes.ts).
 */
function asBrowserReads(value: string): string {
  if (!value.includes('&') || !isHttpUrl(value)) return value;
  const parsed = fromHtml(`<a href="${value.replace(/"/g, '&#34;')}">`, { fragment: true }).children[0] as Element;
  return String(parsed.properties.href ?? '');
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A JSX name Astro renders as an HTML tag rather than a component: lower-case first letter, no member access. */
function isHtmlName(name: string): boolean {
  return /^[a-z]/.test(name) && !name.includes('.');
}

/**
 * An empty `id` (an empty heading gets one) is left out: no `#fragment` can point at it, since the
 * empty fragment means the top of the page (HTML also requires an id to have at least one character).
 */
function addId(ids: string[], id: string): void {
  if (id !== '') ids.push(id);
}

type JsxElement = MdxJsxFlowElementHast | MdxJsxTextElementHast;

/**
 * What a JSX element's attribute renders as, by name, or undefined when it renders none or
 * nothing known before run time. The attributes become a props object, so a repeated name keeps
 * its last value (at its first position); an expression value (`href={x}`) is computed at run time,
 * and a spread (`{...props}`) is not looked into.
 *
 * A lower-case name is an HTML element: Astro's JSX renderer writes each prop as an attribute
 * with the name as written (`HREF` included, which the HTML parser reads as `href`, first
 * occurrence winning), and a boolean attribute (`<a href>`) as `href="true"`. Any other name is a
 * component, which gets its props by exact name and is taken to render a literal string `href`,
 * `src` or `id` as that attribute; what it does with a boolean is up to it, so booleans count
 * for HTML elements only.
 */
function jsxAttributes(element: JsxElement): (name: string) => string | undefined {
  const props = new Map<string, string | true | undefined>();
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue;
    props.set(attribute.name, typeof attribute.value === 'string' ? attribute.value : attribute.value === null ? true : undefined);
  }
  const html = element.name !== null && isHtmlName(element.name);
  return (name) => {
    if (!html) {
      const value = props.get(name);
      return typeof value === 'string' ? value : undefined;
    }
    for (const [key, value] of props) {
      if (key.toLowerCase() === name.toLowerCase()) return value === true ? 'true' : value;
    }
    return undefined;
  };
}

/** The `href`s, `src`s and ids of an HTML tree (parsed from what the browser gets). */
function collect(tree: HastRoot): ReferenceStructure {
  const hrefs: string[] = [];
  const ids: string[] = [];
  visit(tree, 'element', (element: Element) => {
    const { href, src, id, name } = element.properties;
    const astroImage = element.properties.__astro_image_;
    if (typeof href === 'string') hrefs.push(href);
    if (element.tagName === 'img' && typeof astroImage === 'string') {
      // An image Astro optimises (see rehypeKeepWrittenImageSrc): its written `src`.
      const written = (JSON.parse(astroImage) as Record<string, unknown>)[WRITTEN_SRC];
      if (typeof written === 'string') hrefs.push(written);
    } else if (typeof src === 'string') hrefs.push(src);
    if (typeof id === 'string') addId(ids, id);
    if (element.tagName === 'a' && typeof name === 'string') addId(ids, name);
  });
  return { hrefs, ids };
}
