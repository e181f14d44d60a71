import { dirname, resolve } from 'node:path';
import type { Node as EstreeNode, Program } from 'estree';
import type { Definition, Image, ImageReference, Link, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { visit } from 'unist-util-visit';
import { own } from '../shared/own.js';
import { checkJsxHtmlElement } from './html-policy.js';
import { clip } from '../shared/printable.js';
import { BREAKOUT_HINT, breaksOutOfAttribute } from './unescaped-attributes.js';

/** What the MDX policy needs to know: which components a page may use, and where they live. */
export interface PolicyOptions {
  /** The site's code folder (see `codeRoot`); allow-listed component files are relative to it. */
  projectRoot: string;
  /** Component name → file (relative to the project), from `kb.config.ts` `components`. */
  components: Record<string, string>;
}

/** One thing an MDX page does that the policy forbids. */
export interface PolicyViolation {
  rule: 'mdx-expression' | 'mdx-esm' | 'mdx-component' | 'mdx-attribute';
  line: number;
  column: number;
  message: string;
}

type Point = { line: number; column: number };
type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/**
 * The MDX policy, decided on MDX syntax-tree node types: a page may use Markdown, comments
 * (`{/* … *\/}`), and allow-listed components imported from exactly their allow-listed file, with
 * string, boolean or single-literal props. Everything that would run code in the build
 * (expressions, exports, other imports, spreads, unknown components) is a violation.
 */
export function mdxPolicyViolations(tree: Root, filePath: string, options: PolicyOptions): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const imported = new Set<string>();
  const push = (rule: PolicyViolation['rule'], at: Point | undefined, message: string) =>
    violations.push({ rule, line: at?.line ?? 1, column: at?.column ?? 1, message });

  visit(tree, (node) => {
    if (node.type === 'mdxjsEsm') checkEsm(node, filePath, options, imported, push);
    else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      const expression = node;
      if (!isCommentOnly(expression.data?.estree)) {
        push('mdx-expression', expression.position?.start, `Unexpected expression \`{${clip(expression.value)}}\`, expected Markdown text`);
      }
    }
  });
  visit(tree, (node) => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') checkElement(node, options, imported, push);
    else if (node.type === 'link' || node.type === 'image' || node.type === 'definition' || node.type === 'imageReference')
      checkMarkdownAttributes(node, push);
  });
  return violations;
}

type Push = (rule: PolicyViolation['rule'], at: Point | undefined, message: string) => void;

function checkEsm(node: MdxjsEsm, filePath: string, options: PolicyOptions, imported: Set<string>, push: Push): void {
  const program = node.data?.estree;
  const statements = program?.body ?? [];
  if (statements.length === 0) push('mdx-esm', node.position?.start, `Unexpected \`${clip(node.value)}\`, expected only component imports`);
  for (const statement of statements) {
    const at = pointOf(statement, node);
    if (statement.type !== 'ImportDeclaration') {
      push('mdx-esm', at, `Unexpected \`${statement.type.startsWith('Export') ? 'export' : clip(node.value)}\` in an MDX page, expected only component imports`);
      continue;
    }
    const specifier = String(statement.source.value);
    const only = statement.specifiers.length === 1 ? statement.specifiers[0] : undefined;
    const name = only?.type === 'ImportDefaultSpecifier' ? only.local.name : undefined;
    const allowed = name !== undefined ? own(options.components, name) : undefined;
    if (name === undefined || allowed === undefined) {
      push('mdx-esm', at, `Unexpected import from \`${specifier}\`, expected \`import <Component> from '…'\` of ${listComponents(options)}`);
    } else if (!sameFile(specifier, filePath, resolve(options.projectRoot, allowed), options.projectRoot)) {
      push('mdx-esm', at, `Unexpected import of \`${name}\` from \`${specifier}\`, expected the file \`${allowed}\``);
    } else imported.add(name);
  }
}

function checkElement(node: JsxElement, options: PolicyOptions, imported: Set<string>, push: Push): void {
  const at = node.position?.start;
  const name = node.name;
  if (name === null) return; // A fragment renders only its children.
  const html = /^[a-z][a-z0-9-]*$/.test(name);
  if (!html) {
    const file = own(options.components, name);
    if (file === undefined) {
      push('mdx-component', at, `Unexpected component \`<${name}>\`, expected one of ${listComponents(options)}`);
      return;
    }
    if (!imported.has(name)) push('mdx-component', at, `Unexpected \`<${name}>\` without \`import ${name} from '${file}'\``);
  }
  const literal: { name: string; value: string | true }[] = [];
  for (const attribute of node.attributes) {
    // Astro directives (`set:html`, `is:raw`, `client:load`, `define:vars`) inject raw HTML or
    // scripts whatever the element; no namespaced attribute is accepted.
    if (attribute.type === 'mdxJsxAttribute' && attribute.name.includes(':') && !(html && attribute.name === 'xlink:href')) {
      push('mdx-component', attribute.position?.start ?? at, `Unexpected directive \`${attribute.name}\` on \`<${name}>\`, expected plain attributes`);
      continue;
    }
    const value = attributeValue(attribute);
    if (value === undefined) {
      const shown = attribute.type === 'mdxJsxExpressionAttribute' ? `{${clip(attribute.value)}}` : `${attribute.name}={…}`;
      push('mdx-component', attribute.position?.start ?? at, `Unexpected \`${shown}\` on \`<${name}>\`, expected a text, \`true\` or a single literal`);
      continue;
    }
    const attributeName = (attribute as MdxJsxAttribute).name;
    if (value !== true && breaksOutOfAttribute(value))
      push('mdx-attribute', attribute.position?.start ?? at, `Unexpected \`"\` in \`${attributeName}="${clip(value)}"\` on \`<${name}>\`: ${BREAKOUT_HINT}`);
    else literal.push({ name: attributeName, value });
  }
  if (!html) return;
  for (const problem of checkJsxHtmlElement(name, literal)) push('mdx-component', at, `Unexpected ${problem.what}, MDX pages render HTML as written`);
}

/** Markdown that becomes an attribute: link and image titles (inline or in a definition), image alt texts. */
function checkMarkdownAttributes(node: Link | Image | Definition | ImageReference, push: Push): void {
  const texts: [string, string | null | undefined][] = [['title', 'title' in node ? node.title : undefined]];
  if ('alt' in node) texts.push(['alt text', node.alt]);
  for (const [what, value] of texts)
    if (typeof value === 'string' && breaksOutOfAttribute(value))
      push('mdx-attribute', node.position?.start, `Unexpected \`"\` in the ${what} \`${clip(value)}\`: ${BREAKOUT_HINT}`);
}

/** A literal attribute value (`"x"`, shorthand, or `{3}`-style single literal), or undefined when it would run code. */
function attributeValue(attribute: MdxJsxAttribute | MdxJsxExpressionAttribute): string | true | undefined {
  if (attribute.type === 'mdxJsxExpressionAttribute') return undefined;
  if (attribute.value === null || attribute.value === undefined) return true;
  if (typeof attribute.value === 'string') return attribute.value;
  const body = (attribute.value.data?.estree as Program | undefined)?.body;
  const only = body?.length === 1 ? body[0] : undefined;
  if (only?.type !== 'ExpressionStatement' || only.expression.type !== 'Literal') return undefined;
  const value = only.expression.value;
  return value instanceof RegExp ? undefined : String(value);
}

function isCommentOnly(program: Program | null | undefined): boolean {
  return program !== null && program !== undefined && program.body.length === 0;
}

/** True when `specifier` (relative to the page, or `/`-rooted at the project, as Vite reads it) names exactly `file`. */
function sameFile(specifier: string, filePath: string, file: string, projectRoot: string): boolean {
  if (/[?#]/.test(specifier)) return false;
  if (specifier.startsWith('./') || specifier.startsWith('../')) return resolve(dirname(filePath), specifier) === file;
  if (specifier.startsWith('/')) return resolve(projectRoot, `.${specifier}`) === file;
  return false;
}

function pointOf(statement: EstreeNode, node: MdxjsEsm): Point | undefined {
  const loc = statement.loc;
  return loc ? { line: loc.start.line, column: loc.start.column + 1 } : node.position?.start;
}

function listComponents(options: PolicyOptions): string {
  const names = Object.keys(options.components);
  return names.length === 0 ? 'no component (none is allowed in `kb.config.ts`)' : names.map((name) => `\`<${name}>\``).join(', ');
}

