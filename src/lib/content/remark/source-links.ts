import { relative, sep } from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import type {} from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { rewriteLink } from '../links.js';

interface Options {
  /** Absolute path of the content folder. */
  contentRoot: string;
  base: string;
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

/** The page's path from the content folder, or undefined for files outside it. */
function contentPathOf(file: VFile, options: Options): string | undefined {
  if (!file.path) return undefined;
  const contentPath = relative(options.contentRoot, file.path).split(sep).join('/');
  return contentPath.startsWith('..') ? undefined : contentPath;
}

/**
 * Rewrites links written as source files (`../dns/ndots.md#diagnosis`), which also work on the git
 * host, to site URLs, and puts the base path in front of site-absolute links. Markdown links,
 * images and JSX attributes are rewritten here, before Astro's image step sees them; links from raw
 * HTML are rewritten by `rehypeSourceLinks` once the sanitiser has parsed them.
 */
export default function remarkSourceLinks(options: Options) {
  return (tree: Root, file: VFile) => {
    const contentPath = contentPathOf(file, options);
    if (contentPath === undefined) return;
    const rewrite = (url: string) => rewriteLink(contentPath, url, options.base);
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        node.url = rewrite(node.url);
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        // An HTML element's attribute names are case-insensitive; a bare `href` renders as "true".
        const html = node.name !== null && /^[a-z]/.test(node.name ?? '');
        for (const attribute of node.attributes as JsxAttribute[]) {
          const name = html ? attribute.name?.toLowerCase() : attribute.name;
          if (attribute.type !== 'mdxJsxAttribute' || (name !== 'href' && name !== 'src')) continue;
          if (typeof attribute.value === 'string') attribute.value = rewrite(attribute.value);
          else if (html && attribute.value === null) attribute.value = rewrite('true');
        }
      }
    });
  };
}

/** `remarkSourceLinks` for the elements raw HTML became: every `href` and `src` (rewriting is idempotent). */
export function rehypeSourceLinks(options: Options) {
  return (tree: HastRoot, file: VFile) => {
    const contentPath = contentPathOf(file, options);
    if (contentPath === undefined) return;
    visit(tree, 'element', (node) => {
      for (const key of ['href', 'src'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string') node.properties[key] = rewriteLink(contentPath, value, options.base);
      }
    });
  };
}
