import { randomBytes } from 'node:crypto';
import type { Element, ElementContent, Nodes, Properties, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Something the raw-HTML policy removed from a page, with its 1-based position in the file. */
export interface HtmlRemoval {
  severity: 'error' | 'warning';
  what: string;
  line: number;
  column: number;
}

/** Something the raw-HTML policy would remove from a JSX element of an `.mdx` page. */
export type HtmlFinding = Pick<HtmlRemoval, 'severity' | 'what'>;

const SAFE_PROTOCOLS = ['http', 'https', 'mailto'];
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'data']);
// Every attribute a browser resolves as a URL, not only the ones the schema allows: removed elements are reported too.
const URL_PROPERTIES = new Set(
  ['href', 'src', 'srcSet', 'action', 'formAction', 'xLinkHref', 'cite', 'longDesc', 'poster', 'background', 'data', 'codeBase']
    .concat(['ping', 'manifest', 'lowsrc', 'dynsrc', 'icon', 'archive']),
);
const ERROR_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet']);
// Created implicitly by the parser when a page has a doctype; the author's own tags are reported by `reportDiscardedTags`.
const SILENT_UNWRAP = new Set(['html', 'head', 'body']);
// Form attributes are useless without forms, and `name` clobbers `document.*` on `<img>` (ids and `<a name>` stay: anchors).
const DROPPED_GLOBALS = new Set(['action', 'accept', 'acceptCharset', 'encType', 'method', 'name']);
const MDX_NODE_TYPES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];

/** The allow-list for raw HTML in Markdown and lower-case JSX in MDX: GitHub's (hast-util-sanitize's default), adjusted. */
export const RAW_HTML_SCHEMA: Schema = {
  ...defaultSchema,
  // The tree has been through an HTML parser, which already keeps table parts inside tables.
  ancestors: {},
  attributes: {
    ...defaultSchema.attributes,
    a: [...defaultSchema.attributes!.a, 'name'],
    '*': defaultSchema.attributes!['*'].filter((p) => !DROPPED_GLOBALS.has(typeof p === 'string' ? p : p[0])),
  },
  // Author-written ids are anchors other pages link to: keep them as written (no `user-content-` prefix).
  clobber: [],
  clobberPrefix: '',
  protocols: { href: SAFE_PROTOCOLS, src: ['http', 'https'], srcSet: ['http', 'https'], cite: ['http', 'https'], longDesc: ['http', 'https'] },
  // GFM task-list checkboxes are Markdown-made and never checked; a raw `<input>` is removed.
  required: {},
  // Removed with their content: script-capable, raw-text, foreign (SVG/MathML) and document-level elements.
  strip: [...ERROR_ELEMENTS, 'style', 'noscript', 'noembed', 'noframes', 'template', 'svg', 'math', 'textarea', 'select', 'title']
    .concat(['xmp', 'plaintext', 'base', 'meta', 'link', 'input']),
  tagNames: defaultSchema
    .tagNames!.filter((t) => t !== 'input')
    .concat(['abbr', 'mark', 'small', 'u', 'cite', 'dfn', 'caption', 'figure', 'figcaption', 'wbr']),
};

// Lower-cased, dash- and colon-less attribute name → hast property name, for JSX attributes.
const PROPERTY_BY_NAME = new Map<string, string>([...URL_PROPERTIES, 'className', 'htmlFor', 'httpEquiv'].map((p) => [p.toLowerCase(), p]));
for (const list of Object.values(RAW_HTML_SCHEMA.attributes!)) {
  for (const p of list) PROPERTY_BY_NAME.set((typeof p === 'string' ? p : p[0]).toLowerCase(), typeof p === 'string' ? p : p[0]);
}
PROPERTY_BY_NAME.set('class', 'className').set('for', 'htmlFor');
const ATTRIBUTE_BY_PROPERTY = new Map(
  Object.entries({ className: 'class', htmlFor: 'for', httpEquiv: 'http-equiv', acceptCharset: 'accept-charset', xLinkHref: 'xlink:href' }),
);

interface Walk {
  removals: HtmlRemoval[];
  /** Properties, data and position of the Markdown-made elements, indexed by the marker attribute's value. */
  originals?: Pick<Element, 'properties' | 'data' | 'position'>[];
  /** Marker property, random per run so raw HTML cannot forge it. */
  marker?: string;
}

/** Rehype plugin: sanitises raw HTML against `RAW_HTML_SCHEMA` and drops script URLs from every link and image. */
export function rehypeSanitizeRaw() {
  return (tree: Root, file: VFile): undefined => {
    const walk: Walk = { removals: [] };
    file.data.kbHtmlRemovals = walk.removals;
    let hasRaw = false;
    visit(tree, 'raw', (node) => {
      hasRaw = true;
      reportDiscardedTags(node.value, node.position, walk);
    });
    if (!hasRaw) {
      // Most pages: nothing to parse, only Markdown-made links and images to check.
      visit(tree, 'element', (node, _, parent) => dropUnsafeUrls(node, walk, node.position ?? parent?.position));
    } else {
      walk.marker = `dataKbmd${randomBytes(6).toString('hex')}`;
      walk.originals = [];
      visit(tree, 'element', (node) => {
        const index = walk.originals!.push({ properties: node.properties, data: node.data, position: node.position }) - 1;
        node.properties = { ...node.properties, [walk.marker!]: String(index) };
      });
      // One parse over the whole tree: inline HTML arrives split over several `raw` nodes.
      tree.children = (raw(tree, { file, passThrough: MDX_NODE_TYPES }) as Root).children;
      cleanChildren(tree, walk, tree.position);
    }
    walk.removals.sort((a, b) => a.line - b.line || a.column - b.column);
  };
}

/** The allow-list applied to a lower-case JSX element of an `.mdx` page: what it would remove (empty when allowed). */
export function checkJsxHtmlElement(name: string, attributes: { name: string; value: string | true }[]): HtmlFinding[] {
  const properties: Properties = {};
  for (const { name: attribute, value } of attributes) {
    properties[PROPERTY_BY_NAME.get(attribute.toLowerCase().replace(/[-:]/g, '')) ?? attribute] = value;
  }
  const walk: Walk = { removals: [] };
  cleanRawElement({ type: 'element', tagName: name.toLowerCase(), properties, children: [] }, walk, undefined);
  return walk.removals.map(({ severity, what }) => ({ severity, what }));
}

function cleanChildren(parent: { children: Nodes[] }, walk: Walk, at: Position | undefined): void {
  parent.children = parent.children.flatMap((child) => cleanNode(child, walk, child.position ?? at));
}

function cleanNode(node: Nodes, walk: Walk, at: Position | undefined): Nodes[] {
  // Only raw HTML makes comments and doctypes; they are dropped silently (lint directives are comments).
  if (node.type === 'comment' || node.type === 'doctype') return [];
  if (node.type !== 'element') {
    if ('children' in node) cleanChildren(node, walk, at);
    return [node];
  }
  const original = walk.originals![Number(node.properties[walk.marker!])];
  if (!original) return cleanRawElement(node, walk, at);
  // The parser may clone a formatting element (`<b>`, `<a>`), so each copy gets its own properties.
  Object.assign(node, { properties: structuredClone(original.properties), data: original.data, position: original.position });
  dropUnsafeUrls(node, walk, node.position ?? at);
  cleanChildren(node, walk, node.position ?? at);
  return [node];
}

/** Markdown links and images are not raw HTML, but `[x](javascript:…)` is an XSS all the same. */
function dropUnsafeUrls(node: Element, walk: Walk, at: Position | undefined): void {
  for (const key of Object.keys(node.properties)) {
    if (URL_PROPERTIES.has(key) && reportUnsafeUrl(node.tagName, key, node.properties[key], walk, at)) delete node.properties[key];
  }
}

function cleanRawElement(node: Element, walk: Walk, at: Position | undefined): ElementContent[] {
  const where = node.position ?? at;
  if (RAW_HTML_SCHEMA.tagNames!.includes(node.tagName)) {
    node.properties = allowedProperties(node, walk, where);
    cleanChildren(node, walk, where);
    return [node];
  }
  const strip = RAW_HTML_SCHEMA.strip!.includes(node.tagName);
  if (!SILENT_UNWRAP.has(node.tagName)) reportRemovedElement(node, walk, where, strip);
  if (strip) return [];
  cleanChildren(node, walk, where);
  return node.children;
}

/** Keeps what the schema allows (hast-util-sanitize decides), after the stricter URL check; reports the rest. */
function allowedProperties(node: Element, walk: Walk, at: Position | undefined): Properties {
  const checked: Properties = {};
  for (const [key, value] of Object.entries(node.properties)) {
    if (!(URL_PROPERTIES.has(key) && reportUnsafeUrl(node.tagName, key, value, walk, at))) checked[key] = value;
  }
  const safe = sanitize({ type: 'element', tagName: node.tagName, properties: checked, children: [] }, RAW_HTML_SCHEMA);
  const kept = safe.type === 'element' ? safe.properties : {};
  for (const [key, value] of Object.entries(checked)) {
    if (Object.hasOwn(kept, key) && JSON.stringify(kept[key]) === JSON.stringify(value)) continue;
    const danger = dangerousAttribute(node.tagName, key);
    report(walk, at, danger ? 'error' : 'warning', danger ?? `\`${attributeName(key)}\` attribute on \`<${node.tagName}>\``);
  }
  return kept;
}

function reportRemovedElement(node: Element, walk: Walk, at: Position | undefined, deep: boolean): void {
  report(walk, at, ERROR_ELEMENTS.has(node.tagName) ? 'error' : 'warning', `\`<${node.tagName}>\` element`);
  reportDanger(node, walk, at, deep);
}

/** Handlers and script URLs on an element that goes, and with `deep` on everything inside it, so attacks show as errors. */
function reportDanger(node: Element, walk: Walk, at: Position | undefined, deep: boolean): void {
  for (const [key, value] of Object.entries(node.properties)) {
    const danger = dangerousAttribute(node.tagName, key);
    // Any attribute of a removed element that holds a script URL is an attack (SVG `<animate
    // values="javascript:…">` sets `href` at run time), not only the URL attributes.
    if (danger) report(walk, at, 'error', danger);
    else reportUnsafeUrl(node.tagName, key, value, walk, at, true);
  }
  if (!deep) return;
  // A template keeps its parsed content apart from its children.
  const inner = node.tagName === 'template' && 'content' in node ? (node.content as Root).children : node.children;
  for (const child of inner) {
    // Text inside removed foreign content (`<math>…<style>`) is markup another parser would read
    // as elements: handlers or script in it are the attack the nesting tries to smuggle.
    if (child.type === 'text' && SMUGGLED_SCRIPT.test(child.value)) {
      report(walk, child.position ?? at, 'error', `script hidden in the text of \`<${node.tagName}>\``);
      continue;
    }
    if (child.type !== 'element') continue;
    if (ERROR_ELEMENTS.has(child.tagName)) report(walk, child.position ?? at, 'error', `\`<${child.tagName}>\` element`);
    reportDanger(child, walk, child.position ?? at, true);
  }
}

const SMUGGLED_SCRIPT = /<script|\son[a-z]+\s*=|javascript:/i;

/** `what` for an attribute that runs script whatever its value: event handlers and `srcdoc`. */
function dangerousAttribute(tagName: string, key: string): string | undefined {
  return /^on/i.test(key) || key === 'srcDoc' ? `\`${attributeName(key)}\` attribute on \`<${tagName}>\`` : undefined;
}

/** Reports a URL attribute whose scheme is not http(s)/mailto; `true` when it must go. Only script schemes when `scriptOnly`. */
function reportUnsafeUrl(tag: string, key: string, value: unknown, walk: Walk, at: Position | undefined, scriptOnly = false): boolean {
  let urls = Array.isArray(value) ? value.map(String) : [String(value)];
  // A srcset candidate is a URL up to the first whitespace, then a descriptor; a refresh is `delay;url=…`.
  if (key === 'srcSet') urls = urls.join(',').split(',').map((candidate) => candidate.trim().split(/\s+/)[0]);
  if (key === 'content') urls = urls.map((v) => /url\s*=\s*['"]?(.*)/i.exec(v)?.[1] ?? '');
  const scheme = urls.map(schemeOf).find((s) => s && !SAFE_PROTOCOLS.includes(s));
  if (!scheme || (scriptOnly && !SCRIPT_SCHEMES.has(scheme))) return false;
  const severity = SCRIPT_SCHEMES.has(scheme) ? 'error' : 'warning';
  report(walk, at, severity, `\`${scheme}:\` URL in \`${attributeName(key)}\` of \`<${tag}>\``);
  return true;
}

// The named references that can spell URL syntax; letters have none a browser would accept in a scheme.
const NAMED_REFERENCES = new Map(Object.entries({ colon: ':', tab: '\t', newline: '\n', sol: '/', num: '#', quest: '?', amp: '&' }));
// Characters a browser ignores in a URL scheme (tabs, newlines, leading controls), invisible ones and U+FFFD (what a NUL
// becomes): all go before the check, so `java\0script:` still reads as the attack it is.
// eslint-disable-next-line no-control-regex
const IGNORED = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff\ufffd]/g;

/** The lower-case scheme of a URL as a browser would see it, after entity decoding; undefined when relative. */
function schemeOf(url: string): string | undefined {
  const decoded = url.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex?: string, dec?: string, name?: string) => {
    const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : -1;
    if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return NAMED_REFERENCES.get(name!.toLowerCase()) ?? whole;
  });
  // A scheme is a letter, then letters, digits, `+`, `-` or `.`, then `:`; anything else before the
  // first `:` makes the URL relative for a browser (`foo):` is a path), so it is not a scheme here either.
  return /^([a-z][a-z0-9+.-]*):/i.exec(decoded.replace(IGNORED, ''))?.[1].toLowerCase();
}

const DISCARDED_TAG = /<(html|head|body)(?=[\s/>])([^>]*)>/gi;

/** `<body onload>` never reaches the tree (the fragment parser ignores the tag), so it is found in the source. */
function reportDiscardedTags(value: string, position: Position | undefined, walk: Walk): void {
  for (const match of value.matchAll(DISCARDED_TAG)) {
    const before = value.slice(0, match.index);
    const line = (position?.start.line ?? 1) + before.split('\n').length - 1;
    const column = before.includes('\n') ? before.length - before.lastIndexOf('\n') : (position?.start.column ?? 1) + before.length;
    const at = { start: { line, column }, end: { line, column } };
    report(walk, at, 'warning', `\`<${match[1].toLowerCase()}>\` element`);
    for (const handler of match[2].matchAll(/(?:^|[\s/"'])(on[a-z]+)\s*=/gi)) {
      report(walk, at, 'error', `\`${handler[1].toLowerCase()}\` attribute on \`<${match[1].toLowerCase()}>\``);
    }
  }
}

/** The HTML attribute name of a hast property (`onError` → `onerror`, `xLinkHref` → `xlink:href`, `dataX` → `data-x`). */
function attributeName(property: string): string {
  const known = ATTRIBUTE_BY_PROPERTY.get(property);
  if (known) return known;
  return /^(data|aria)[A-Z]/.test(property) ? property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : property.toLowerCase();
}

function report(walk: Walk, at: Position | undefined, severity: HtmlRemoval['severity'], what: string): void {
  walk.removals.push({ severity, what, line: at?.start.line ?? 1, column: at?.start.column ?? 1 });
}
