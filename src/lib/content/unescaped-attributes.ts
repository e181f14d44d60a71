import type { Element, Root as HastRoot } from 'hast';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Astro's `addAttribute` writes a value that holds `&` and parses as an http(s) address as it is,
 * without escaping (node_modules/astro/dist/runtime/server/render/util.js), so a `"` in it ends
 * the attribute and the rest becomes markup: `title='https://x.y/?a&"onclick="…'`. The site's
 * build changes that line to escape the quote, for every template and page
 * (src/integrations/attribute-quotes.ts). In `.mdx` pages, where the page's own text is written
 * through that function (JSX attributes and props, Markdown link and image titles, alt texts),
 * such a value is also refused (`mdx-attribute`), so no page depends on that patch alone. `.md`
 * pages are written by hast-util-to-html, which escapes every value; link addresses are safe
 * anywhere (remark-rehype writes a `"` in them as `%22`).
 */
export function breaksOutOfAttribute(value: string): boolean {
  return value.includes('"') && value.includes('&') && isHttpAddress(value);
}

/** As Astro's `isHttpUrl`: parses as a URL whose scheme is http or https. */
function isHttpAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** How the policy and the build explain it. */
export const BREAKOUT_HINT =
  'in an MDX page Astro writes a web address that holds `&` without escaping it, so the quote would end the attribute and the rest would become markup';

type JsxElement = MdxJsxFlowElementHast | MdxJsxTextElementHast;

/**
 * The MDX pipeline's last step: a value that would break out of its attribute in unpatched Astro
 * fails the page's compilation with its place, whatever put it there. The content policy
 * (`mdx-attribute`) refuses the sources it knows before a page gets here, so on a page the policy
 * accepted this changes nothing.
 */
export function rehypeRefuseAttributeBreakout() {
  return (tree: HastRoot, file: VFile) => {
    if (!file.path?.toLowerCase().endsWith('.mdx')) return;
    visit(tree, (node) => {
      if (node.type === 'element') {
        for (const [name, value] of Object.entries(node.properties)) {
          const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
          if (text !== undefined && breaksOutOfAttribute(text)) refuse(file, node, name);
        }
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attribute of node.attributes) {
          if (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' && breaksOutOfAttribute(attribute.value))
            refuse(file, node, attribute.name);
        }
      }
    });
  };
}

function refuse(file: VFile, node: Element | JsxElement, attribute: string): never {
  const name = node.type === 'element' ? node.tagName : (node.name ?? 'fragment');
  file.fail(`Unexpected \`"\` in the \`${attribute}\` of \`<${name}>\`: ${BREAKOUT_HINT}; write the quote as \`%22\` [mdx-attribute]`, {
    place: node.position?.start,
  });
}
