import { isAlias, isNode, parseDocument, visit } from 'yaml';

/** Where a YAML problem sits, 1-based, relative to the text that was parsed. */
export interface YamlProblem {
  kind: 'syntax' | 'alias' | 'too-large';
  message: string;
  line: number;
  column: number;
}

export type YamlResult = { value: unknown } | { problem: YamlProblem };

/** Frontmatter larger than this is refused before it is parsed: a page's metadata fits in a few hundred bytes. */
export const MAX_YAML_BYTES = 64 * 1024;

/**
 * Loads YAML the one way the knowledge base reads it: the core schema (`2026-02-30` stays text
 * instead of rolling over to March), unique keys, and no anchors or aliases. Aliases are how a
 * few lines of YAML expand to gigabytes (the "billion laughs"), and page metadata never needs
 * them, so any anchor or alias is a problem here rather than something to limit.
 */
export function loadYaml(text: string): YamlResult {
  if (text.length > MAX_YAML_BYTES) {
    return { problem: { kind: 'too-large', message: `${Math.round(text.length / 1024)} KB of YAML`, line: 1, column: 1 } };
  }
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, strict: true });
  // A warning here is an unknown tag such as `!!js/function`: refused like an error, never resolved.
  const error = doc.errors[0] ?? doc.warnings[0];
  if (error) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      problem: {
        kind: 'syntax',
        message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
        line: at.line,
        column: at.col,
      },
    };
  }
  let alias: YamlProblem | undefined;
  visit(doc, (_key, node) => {
    if (!isNode(node)) return undefined;
    if (isAlias(node) || node.anchor) {
      const offset = node.range?.[0] ?? 0;
      const before = text.slice(0, offset);
      alias = {
        kind: 'alias',
        message: isAlias(node) ? `alias \`*${node.source}\`` : `anchor \`&${node.anchor}\``,
        line: before.split('\n').length,
        column: offset - before.lastIndexOf('\n'),
      };
      return visit.BREAK;
    }
    return undefined;
  });
  if (alias) return { problem: alias };
  return { value: doc.toJS({ maxAliasCount: 0 }) };
}
