import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { AlertRuleDef, RuleFileProblem } from './rule-files.js';

/** What one rule file holds: its alerting rules and what is wrong with it. */
export interface ParsedRuleFile {
  rules: AlertRuleDef[];
  problems: RuleFileProblem[];
}

/** More problems than this in one file are counted, not listed: a file that is not a rule file at all has one per line. */
const MAX_PROBLEMS = 20;

const RULE_FILE_HINT =
  'A rule file is `groups:`, a list of `- name: …` groups, each with `rules:`, a list of `- alert: Name` or `- record: name` rules';

/** Thrown when aliases make a file expand far beyond its own size; caught per document. */
class ExpansionLimit extends Error {}

/** What reading one document needs: where positions are, where aliases point and how much work is left. */
interface ReadState {
  file: string;
  lines: LineCounter;
  /** Alias → the node its anchor names. */
  aliases: Map<Node, Node | undefined>;
  /** Entries left to read: the file's length, plus some; aliases cannot make the file read as more than that. */
  budget: { left: number };
  rules: AlertRuleDef[];
  problems: RuleFileProblem[];
  /** The group or rule being read, where a problem found deeper down (an alias bomb) is reported. */
  at?: Node;
  /** Aliases without an anchor already reported. */
  unresolved: Set<Node>;
}

/**
 * Reads the alerting rules of one rule file's text with the YAML core schema and unique keys.
 * Anchors and aliases are followed, as Prometheus does, within a budget of work proportional to
 * the file's size, so an alias bomb becomes a problem instead of gigabytes. Never throws.
 */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  const lines = new LineCounter();
  const rules: AlertRuleDef[] = [];
  const problems: RuleFileProblem[] = [];
  const budget = { left: text.length + 10_000 };
  try {
    const documents = parseAllDocuments(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, strict: true, prettyErrors: false });
    for (const doc of documents) {
      const state: ReadState = { file, lines, aliases: aliasTargets(doc), budget, rules, problems, unresolved: new Set() };
      readDocument(doc, state);
    }
  } catch (error) {
    // Nesting deep enough to exhaust the parser's stack: the file cannot be read at all.
    problems.push({ file, line: 1, column: 1, message: `Cannot parse rule file: ${(error as Error).message}`, hint: RULE_FILE_HINT });
  }
  return { rules, problems: capped(problems, file) };
}

function capped(problems: RuleFileProblem[], file: string): RuleFileProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      file,
      line: 1,
      column: 1,
      message: `Unexpected ${more} more problem${more === 1 ? '' : 's'} in this file, not listed`,
      hint: RULE_FILE_HINT,
    },
  ];
}

/** Each alias of the document and the node it names: the last node before it with that anchor. */
function aliasTargets(doc: Document): Map<Node, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  visit(doc, (_key, node) => {
    if (!isNode(node)) return;
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (node.anchor) anchors.set(node.anchor, node);
  });
  return targets;
}

function readDocument(doc: Document, state: ReadState): void {
  const error = doc.errors[0];
  if (error) {
    const at = state.lines.linePos(error.pos[0]);
    state.problems.push({
      file: state.file,
      line: at.line,
      column: at.col,
      message: `Cannot parse YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      hint: 'Check the indentation and quoting here; values that contain `: ` or start with `{`, `[`, `*` or `&` need quotes',
    });
    return;
  }
  try {
    const contents = resolve(doc.contents, state);
    if (contents === undefined || (isScalar(contents) && contents.value === null)) return;
    readManifest(contents, state);
  } catch (error) {
    if (!(error instanceof ExpansionLimit)) throw error;
    problem(
      state.at ?? (isNode(doc.contents) ? doc.contents : undefined),
      state,
      'Unexpected YAML aliases that expand to more entries than the file holds',
      'An alias (`*name`) repeats what its anchor (`&name`) holds; write the rules out instead of nesting aliases',
    );
  }
}

/** A plain rule file (`groups:`), a `PrometheusRule` manifest, or a `List` of them; other Kubernetes kinds are skipped. */
function readManifest(node: Node, state: ReadState, depth = 0): void {
  if (!isMap(node)) {
    problem(node, state, `Unexpected ${typeName(node)} at the top of the document, expected a mapping with \`groups\``, RULE_FILE_HINT);
    return;
  }
  const fields = entries(node, state);
  const kind = text(fields.get('kind')?.value, state);
  if (kind === 'PrometheusRule') {
    const spec = resolve(fields.get('spec')?.value, state);
    const groups = spec && isMap(spec) ? entries(spec, state).get('groups') : undefined;
    if (!groups)
      problem(spec ?? node, state, 'Missing `spec.groups` in `PrometheusRule`', RULE_FILE_HINT.replace('`groups:`', '`spec.groups:`'));
    else readGroups(groups.value, state);
  } else if (kind === 'List' || kind?.endsWith('List')) {
    const items = resolve(fields.get('items')?.value, state);
    if (!items || !isSeq(items))
      problem(items ?? node, state, `Missing \`items\` list in \`${kind}\``, 'A `List` holds its manifests under `items:`');
    else if (depth > 1) problem(items, state, `Unexpected \`${kind}\` nested in another list`, 'A `List` holds manifests, not other lists');
    else
      for (const item of items.items) {
        const manifest = resolve(item, state);
        if (manifest) readManifest(manifest, state, depth + 1);
      }
  } else if (kind === undefined) {
    const groups = fields.get('groups');
    if (!groups) problem(node, state, 'Missing `groups`, expected a Prometheus rule file or a `PrometheusRule` manifest', RULE_FILE_HINT);
    else readGroups(groups.value, state);
  }
}

function readGroups(value: unknown, state: ReadState): void {
  const groups = resolve(value, state);
  if (groups === undefined || (isScalar(groups) && groups.value === null)) return;
  if (!isSeq(groups)) {
    problem(groups, state, `Unexpected \`groups\` of type ${typeName(groups)}, expected a list of rule groups`, RULE_FILE_HINT);
    return;
  }
  for (const item of groups.items) {
    const group = resolve(item, state);
    state.at = group ?? state.at;
    if (!group || !isMap(group)) {
      problem(
        group,
        state,
        `Unexpected rule group of type ${typeName(group)}, expected a mapping with \`name\` and \`rules\``,
        RULE_FILE_HINT,
      );
      continue;
    }
    const fields = entries(group, state);
    const name = text(fields.get('name')?.value, state);
    const rules = resolve(fields.get('rules')?.value, state);
    if (rules === undefined || (isScalar(rules) && rules.value === null)) continue;
    if (!isSeq(rules)) {
      problem(
        rules,
        state,
        `Unexpected \`rules\` of type ${typeName(rules)}${name ? ` in group \`${name}\`` : ''}, expected a list`,
        RULE_FILE_HINT,
      );
      continue;
    }
    for (const rule of rules.items) readRule(resolve(rule, state), name, state);
  }
}

function readRule(node: Node | undefined, group: string | undefined, state: ReadState): void {
  const inGroup = group ? ` in group \`${group}\`` : '';
  state.at = node ?? state.at;
  if (!node || !isMap(node)) {
    problem(
      node,
      state,
      `Unexpected rule of type ${typeName(node)}${inGroup}, expected a mapping with \`alert\` or \`record\``,
      RULE_FILE_HINT,
    );
    return;
  }
  const fields = entries(node, state);
  const alert = fields.get('alert');
  const record = fields.get('record');
  if (!alert && !record) {
    problem(
      node,
      state,
      `Missing \`alert\` or \`record\` in a rule${inGroup}`,
      'Each rule is an alerting rule (`alert: Name`) or a recording rule (`record: name`)',
    );
    return;
  }
  if (alert && record) {
    problem(
      alert.key,
      state,
      `Unexpected rule with both \`alert\` and \`record\`${inGroup}`,
      'A rule either alerts or records a series: split it in two',
    );
    return;
  }
  if (!alert) return;
  const value = resolve(alert.value, state);
  if (!value || !isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
    const shown =
      value && isScalar(value)
        ? value.value === ''
          ? '(empty)'
          : `\`${scalarText(value.value, value.source)}\``
        : `of type ${typeName(value)}`;
    problem(
      value ?? alert.key,
      state,
      `Unexpected alert name ${shown}, expected text`,
      'Alert names are text such as `DiskFull`; quote a name that YAML would read as a number, a boolean or `null`',
    );
    return;
  }
  const labels = textMap(fields.get('labels')?.value, 'labels', state);
  const annotations = textMap(fields.get('annotations')?.value, 'annotations', state);
  const at = position(alert.key, state);
  state.rules.push({
    alert: value.value,
    file: state.file,
    line: at.line,
    column: at.column,
    labels,
    annotations,
    ...(annotations.runbook_url !== undefined && { runbookUrl: annotations.runbook_url }),
    ...(group !== undefined && { group }),
  });
}

/** `labels` or `annotations`: names to text; numbers and booleans are read as written, as Prometheus does. */
function textMap(value: unknown, key: string, state: ReadState): Record<string, string> {
  const node = resolve(value, state);
  if (node === undefined || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) {
    problem(
      node,
      state,
      `Unexpected \`${key}\` of type ${typeName(node)}, expected a mapping of names to text`,
      `Write \`${key}:\` followed by \`name: value\` lines`,
    );
    return {};
  }
  const result: [string, string][] = [];
  for (const [name, entry] of entries(node, state)) {
    const item = resolve(entry.value, state);
    if (item !== undefined && !isScalar(item)) {
      problem(
        item,
        state,
        `Unexpected value of \`${key}.${name}\` of type ${typeName(item)}, expected text`,
        'Label and annotation values are text; quote them',
      );
      continue;
    }
    result.push([name, scalarText(item?.value, item?.source)]);
  }
  // `Object.fromEntries` defines own properties: a label named `__proto__` stays a label.
  return Object.fromEntries(result);
}

/** A scalar as text: strings as they are, numbers and booleans as written in the file, null as empty. */
function scalarText(value: unknown, source: string | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return source ?? String(value);
  return '';
}

/** A mapping's entries by key, with YAML merge keys (`<<: *defaults`) applied as Prometheus applies them. */
function entries(map: Node, state: ReadState, depth = 0): Map<string, { key: Node; value: unknown }> {
  const result = new Map<string, { key: Node; value: unknown }>();
  if (!isMap(map)) return result;
  const merges: unknown[] = [];
  for (const pair of map.items) {
    spend(state);
    const key = resolve(pair.key, state);
    if (!key || !isScalar(key)) continue;
    const name = String(key.value);
    if (name === '<<') merges.push(pair.value);
    else result.set(name, { key, value: pair.value });
  }
  // A merge of a mapping into itself, or chains this long, are aliases gone wrong.
  if (merges.length > 0 && depth >= 20) throw new ExpansionLimit();
  for (const merge of merges) {
    const source = resolve(merge, state);
    const sources = source && isSeq(source) ? source.items.map((item) => resolve(item, state)) : [source];
    for (const from of sources) {
      if (!from || !isMap(from)) continue;
      for (const [name, entry] of entries(from, state, depth + 1)) if (!result.has(name)) result.set(name, entry);
    }
  }
  return result;
}

/** The node a value stands for: an alias's anchored node, counted against the budget. */
function resolve(value: unknown, state: ReadState): Node | undefined {
  if (!isNode(value)) return undefined;
  if (!isAlias(value)) return value;
  spend(state);
  const target = state.aliases.get(value);
  if (target === undefined && !state.unresolved.has(value)) {
    state.unresolved.add(value);
    problem(
      value,
      state,
      `Cannot find anchor \`&${value.source}\` of alias \`*${value.source}\``,
      'An alias repeats a node marked with the same anchor earlier in the same document',
    );
  }
  return target;
}

function spend(state: ReadState): void {
  state.budget.left -= 1;
  if (state.budget.left < 0) throw new ExpansionLimit();
}

/** A scalar's text, when it is text. */
function text(value: unknown, state: ReadState): string | undefined {
  const node = resolve(value, state);
  return node && isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function typeName(node: Node | undefined): string {
  if (node === undefined) return 'alias without anchor';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) return node.value === null ? 'null' : typeof node.value === 'string' ? 'text' : typeof node.value;
  return 'unknown';
}

function position(node: Node | undefined, state: ReadState): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const at = state.lines.linePos(offset);
  return { line: at.line, column: at.col };
}

function problem(node: Node | undefined, state: ReadState, message: string, hint: string): void {
  state.problems.push({ file: state.file, ...position(node, state), message, hint });
}
