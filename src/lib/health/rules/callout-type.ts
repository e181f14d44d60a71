import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { CALLOUT_FILE, CALLOUT_LABELS, isCalloutType } from '../../content/callout.js';
import { closestMatch } from '../../shared/did-you-mean.js';
import { clip } from '../../shared/printable.js';
import { fileRule, type RuleHit } from '../rule.js';
import { guide } from './support/examples.js';

const IMPORT = `import Callout from '../../src/components/Callout.astro';\n\n`;
const TYPES = Object.keys(CALLOUT_LABELS);
const EXPECTED = TYPES.map((type) => `\`${type}\``).join(', ');

/**
 * `<Callout type="…">` shows a type it does not know as a plain note: a `type="danger"` mistyped
 * as `dagner` loses its red border and its "Danger" label, silently, on the step that needed it.
 */
export default fileRule({
  id: 'callout-type',
  severity: 'warning',
  summary: `A \`<Callout>\` whose \`type\` is not ${EXPECTED}: it is shown as a plain note`,
  section: 'content',
  hackDay: { priority: 3, action: 'Fix the callout type in' },
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.mdx': guide('A', `${IMPORT}<Callout type="danger">Deletes the disk.</Callout>\n`) } },
    notOk: { files: { 'guides/a.mdx': guide('A', `${IMPORT}<Callout type="dagner">Deletes the disk.</Callout>\n`) } },
  },
  check({ page }) {
    if (!page) return [];
    const names = calloutNames(page.tree);
    if (names.size === 0) return [];
    const hits: RuleHit[] = [];
    visit(page.tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element: MdxJsxFlowElement | MdxJsxTextElement = node;
      if (!element.name || !names.has(element.name)) return;
      for (const attribute of element.attributes) {
        if (attribute.type !== 'mdxJsxAttribute' || attribute.name !== 'type') continue;
        // Expressions are the MDX policy's business (`mdx-component`); a bare `type` is `true`.
        if (typeof attribute.value !== 'string' && attribute.value !== null && attribute.value !== undefined) continue;
        const value = attribute.value ?? '';
        if (isCalloutType(value)) continue;
        const likely = closestMatch(value.toLowerCase(), TYPES);
        const at = attribute.position?.start ?? element.position?.start;
        hits.push({
          line: at?.line ?? 1,
          column: at?.column,
          message: `Unexpected callout type \`${clip(value)}\`, expected ${EXPECTED}${likely ? `; did you mean \`${likely}\`` : ''}`,
          hint: `An unknown type is shown as a plain note; write \`type="${likely ?? 'warning'}"\``,
        });
      }
    });
    return hits;
  },
});

/** The names the page imports the callout component under (`import Callout from '…/src/components/Callout.astro'`). */
function calloutNames(tree: Root): Set<string> {
  const names = new Set<string>();
  visit(tree, 'mdxjsEsm', (node) => {
    for (const statement of node.data?.estree?.body ?? []) {
      if (statement.type !== 'ImportDeclaration') continue;
      if (!String(statement.source.value).replaceAll('\\', '/').endsWith(CALLOUT_FILE)) continue;
      for (const specifier of statement.specifiers) if (specifier.type === 'ImportDefaultSpecifier') names.add(specifier.local.name);
    }
  });
  return names;
}
