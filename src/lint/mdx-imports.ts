import type { Program, Node as EstreeNode } from 'estree';
import type { Root } from 'mdast';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Position } from 'unist';
import { lintRule } from 'unified-lint-rule';
import { LINT_RULES, ruleMeta } from './ids.js';
import { settingsFor, type LintSettings } from './settings.js';

const COMPONENTS = 'src/components/';
const NOTE =
  "MDX `import` and `export` run code in the site build and in CI; content may only use the reviewed components in `src/components/`, e.g. `import Callout from '../../../src/components/Callout.astro'`";

/** The ESM block remark-mdx produces, with the program acorn parsed from it. */
interface EsmNode {
  type: 'mdxjsEsm';
  value: string;
  position?: Position;
  data?: { estree?: Program | null };
}

/**
 * MDX pages import and export only from `src/components/`: an `import` of any other module, or
 * an `export` of code, would run whatever a content pull request brings in the CI build. Only
 * `.mdx` files have imports; Markdown pages are not affected.
 *
 * @example ok
 *   import Callout from '../../../src/components/Callout.astro';
 *
 * @example not ok
 *   import { execSync } from 'node:child_process';
 *   export const owner = execSync('whoami').toString();
 *
 *   1:1-1:47: Unexpected import from `node:child_process`, expected a module in `src/components/`
 *   2:1-2:52: Unexpected `export` of code, expected only imports from `src/components/`
 */
const mdxImports = lintRule<Root, LintSettings>(ruleMeta(LINT_RULES.mdxImports), (tree, file, options) => {
  const settings = settingsFor(options, file);
  const components = resolve(settings.root, COMPONENTS);
  const dir = file.path ? resolve(file.cwd, file.dirname ?? '.') : file.cwd;

  for (const child of tree.children as unknown as EsmNode[]) {
    if (child.type !== 'mdxjsEsm') continue;
    for (const statement of child.data?.estree?.body ?? []) {
      const place = placeOf(statement) ?? child.position;
      const report = (reason: string) => {
        const message = file.message(reason, { place, ancestors: [tree, child] });
        message.note = NOTE;
      };
      if (
        statement.type === 'ImportDeclaration' ||
        ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source)
      ) {
        const specifier = String(statement.source?.value);
        if (!isInside(components, resolveSpecifier(specifier, dir, settings.root))) {
          const kind = statement.type === 'ImportDeclaration' ? 'import' : 'export';
          report(`Unexpected ${kind} from \`${specifier}\`, expected a module in \`${COMPONENTS}\``);
        }
      } else if (statement.type.startsWith('Export')) {
        report(`Unexpected \`export\` of code, expected only imports from \`${COMPONENTS}\``);
      }
    }
  }
});

/** The file a specifier names: relative to the page, `/src/…` from the project root (as Vite reads it); undefined for packages and aliases. */
function resolveSpecifier(specifier: string, dir: string, root: string): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return resolve(dir, specifier);
  if (specifier.startsWith('/')) return resolve(root, `.${specifier}`);
  return undefined;
}

function isInside(folder: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  const rest = relative(folder, path);
  return rest !== '' && !rest.startsWith('..') && !isAbsolute(rest);
}

function placeOf(node: EstreeNode) {
  const loc = node.loc;
  return loc
    ? { start: { line: loc.start.line, column: loc.start.column + 1 }, end: { line: loc.end.line, column: loc.end.column + 1 } }
    : undefined;
}

export default mdxImports;
