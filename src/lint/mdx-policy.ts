import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { mdxPolicyViolations } from '../lib/content/policy.js';
import { LINT_RULES, ruleMeta } from './ids.js';
import { settingsFor, type LintSettings } from './settings.js';

const NOTE =
  'MDX pages are Markdown plus the components allowed in `kb.config.ts` `components`: expressions, exports and other imports would run code in the site build and in CI. `npm run check` refuses such pages and the build leaves them out';

/**
 * The content policy for MDX pages, in the editor: the same function `npm run check` calls
 * (`mdxPolicyViolations` in src/lib/content/policy.ts), so both report the same things with the
 * same words. Only `.mdx` files have MDX syntax; Markdown pages are not affected.
 *
 * @example ok
 *   import Callout from '../../../src/components/Callout.astro';
 *
 *   <Callout type="warning">Drain the node first.</Callout>
 *
 * @example not ok
 *   import { execSync } from 'node:child_process';
 *   export const owner = execSync('whoami').toString();
 *
 *   1:1-1:47: Unexpected import from `node:child_process`, expected `import <Component> from '…'` of `<Callout>`
 *   2:1-2:52: Unexpected `export` in an MDX page, expected only component imports
 */
const mdxPolicy = lintRule<Root, LintSettings>(ruleMeta(LINT_RULES.mdxPolicy), (tree, file, options) => {
  if (!file.path?.toLowerCase().endsWith('.mdx')) return;
  const settings = settingsFor(options, file);
  for (const violation of mdxPolicyViolations(tree, file.path, { projectRoot: settings.codeRoot, components: settings.components })) {
    const message = file.message(`${violation.message} (${violation.rule})`, { place: { line: violation.line, column: violation.column } });
    message.note = NOTE;
  }
});

export default mdxPolicy;
