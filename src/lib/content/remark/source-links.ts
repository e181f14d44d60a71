import { relative, sep } from 'node:path';
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

/**
 * Rewrites links written as source files (`../dns/ndots.md#diagnosis`), which also work on the git
 * host, to site URLs, and puts the base path in front of site-absolute links.
 */
export default function remarkSourceLinks(options: Options) {
  return (tree: Root, file: VFile) => {
    if (!file.path) return;
    const contentPath = relative(options.contentRoot, file.path).split(sep).join('/');
    if (contentPath.startsWith('..')) return;
    const rewrite = (url: string) => rewriteLink(contentPath, url, options.base);
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        node.url = rewrite(node.url);
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attribute of node.attributes as JsxAttribute[]) {
          if (
            attribute.type === 'mdxJsxAttribute' &&
            (attribute.name === 'href' || attribute.name === 'src') &&
            typeof attribute.value === 'string'
          ) {
            attribute.value = rewrite(attribute.value);
          }
        }
      } else if (node.type === 'html') {
        node.value = node.value.replace(
          /(<a\b[^>]*?\shref\s*=\s*)(["'])([^"']*)\2/gi,
          (_m, head: string, quote: string, url: string) => `${head}${quote}${rewrite(url)}${quote}`,
        );
      }
    });
  };
}
