import yaml from 'js-yaml';
import type { Root, Yaml } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { findKeyLines } from '../lib/content/frontmatter-lines.js';
import { LINT_RULES, ruleMeta } from './ids.js';
import { isRunbook, settingsFor, type LintSettings } from './settings.js';

const NOTE =
  'List what someone sees, verbatim: the error text, the alert or the behaviour, e.g. `symptoms: ["curl hangs for about 10 s, then works"]`';

/**
 * A runbook lists at least one symptom in its frontmatter: search matches what the on-call
 * engineer pastes against these lines first. Frontmatter that is not valid YAML is left to
 * `npm run check`, which reports it with its position.
 *
 * @example ok
 *   ---
 *   title: Disk full on a build host
 *   symptoms: ["No space left on device"]
 *   ---
 *
 * @example not ok
 *   ---
 *   title: Disk full on a build host
 *   symptoms: []
 *   ---
 *
 *   3:1-3:13: Unexpected `symptoms: []`, expected at least one symptom
 */
const runbookSymptoms = lintRule<Root, LintSettings>(ruleMeta(LINT_RULES.runbookSymptoms), (tree, file, options) => {
  if (!isRunbook(file, settingsFor(options, file))) return;
  const node = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  let data: unknown;
  try {
    data = node ? yaml.load(node.value, { schema: yaml.CORE_SCHEMA }) : undefined;
  } catch {
    return;
  }
  const symptoms =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).symptoms : undefined;
  if (symptoms === undefined) {
    report('Missing required key `symptoms`', node);
    return;
  }
  const items = Array.isArray(symptoms) ? symptoms : [symptoms];
  if (items.some((item) => item !== null && !(typeof item === 'string' && item.trim() === ''))) return;
  // Worded as `npm run check` words it, so the editor and CI say the same thing.
  const written = symptoms === null ? 'empty `symptoms`' : `\`symptoms: ${JSON.stringify(symptoms)}\``;
  report(`Unexpected ${written}, expected at least one symptom`, node, keyPlace(node as Yaml, 'symptoms'));

  function report(reason: string, yamlNode: Yaml | undefined, place = yamlNode?.position) {
    const message = file.message(reason, { place, ancestors: yamlNode ? [tree, yamlNode] : undefined });
    message.note = NOTE;
  }
});

/** The line of a top-level key in a frontmatter node, as a position spanning that line. */
function keyPlace(node: Yaml, key: string) {
  const start = node.position?.start.line ?? 1;
  const lines = node.value.split(/\r?\n/);
  const line = findKeyLines(`---\n${node.value}\n---`, lines.length + 2).get(key);
  if (line === undefined) return node.position;
  const text = lines[line - 2] ?? '';
  return { start: { line: start + line - 1, column: 1 }, end: { line: start + line - 1, column: text.length + 1 } };
}

export default runbookSymptoms;
