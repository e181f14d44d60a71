import type { Html, Root, Text } from 'mdast';
import { htmlTagNames } from 'html-tag-names';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const KNOWN = new Set(htmlTagNames);
const TAG = /^<\/?([A-Za-z][\w.-]*)(?:\s[^>]*)?\/?>$/;

/**
 * In plain Markdown, `<pod-name>` or `<namespace>` parses as an HTML tag and disappears from the
 * page. Runbooks use such placeholders all the time, so in `.md` files a tag that is not an HTML
 * element stays visible as text. MDX files use real components and are left alone.
 */
export default function remarkPlaceholders() {
  return (tree: Root, file: VFile) => {
    if (!file.path?.endsWith('.md')) return;
    visit(tree, 'html', (node: Html, index, parent) => {
      const name = TAG.exec(node.value.trim())?.[1];
      if (!name || KNOWN.has(name.toLowerCase()) || !parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value, position: node.position };
      parent.children.splice(index, 1, text as never);
    });
  };
}
