import type { Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { readFrontmatter } from '../lib/content/frontmatter.js';
import { schemaHits } from '../lib/health/rules/schema.js';
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
  const source = String(file.value);
  const node = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  // The same reading and the same schema check as `npm run check`, so both say the same thing.
  const read = readFrontmatter(source, 'runbooks');
  for (const hit of schemaHits(read, source)) {
    if (!/`symptoms\b/.test(hit.message)) continue;
    const text = source.split(/\r?\n/)[hit.line - 1] ?? '';
    const place = { start: { line: hit.line, column: 1 }, end: { line: hit.line, column: text.length + 1 } };
    const message = file.message(hit.message, { place, ancestors: node ? [tree, node] : undefined });
    message.note = NOTE;
  }
});

export default runbookSymptoms;
