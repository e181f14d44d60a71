import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { mdxPolicyViolations, type PolicyOptions } from '../policy.js';

export type { PolicyOptions };

/**
 * The content policy inside Astro's MDX pipeline, so `npm run dev` refuses a page the moment it is
 * compiled, not only at start-up: the first violation fails that page's compilation with its
 * file:line. The build never gets here with a refused page (the content loader leaves it out);
 * this is the second wall.
 */
export default function remarkContentPolicy(options: PolicyOptions) {
  return (tree: Root, file: VFile) => {
    if (!file.path?.toLowerCase().endsWith('.mdx')) return;
    const [first, ...rest] = mdxPolicyViolations(tree, file.path, options);
    if (!first) return;
    const more = rest.length > 0 ? ` (and ${rest.length} more; \`npm run check\` lists them)` : '';
    file.fail(`${first.message}${more} [${first.rule}]`, { place: { line: first.line, column: first.column } });
  };
}
