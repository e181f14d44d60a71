import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import { parseRuleFile } from './rule-yaml.js';

/** One alerting rule of a Prometheus rule file. */
export interface AlertRuleDef {
  /** The alert name, exactly as written: Prometheus compares it case-sensitively. */
  alert: string;
  /** Path from the project root, with forward slashes. */
  file: string;
  /** 1-based line and column of the rule's `alert` key. */
  line: number;
  column: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `annotations.runbook_url`, when there is one. */
  runbookUrl?: string;
  /** Name of the rule group. */
  group?: string;
}

/** Something wrong with a pattern or a rule file, where it is and how to fix it. */
export interface RuleFileProblem {
  /** Path from the project root, or the pattern as written when no file matched it. */
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** The alerting rules the patterns name: every matching file read, every problem listed. */
export interface AlertRuleSet {
  patterns: string[];
  /** Files the patterns matched, project-relative, sorted, each once. */
  files: string[];
  rules: AlertRuleDef[];
  problems: RuleFileProblem[];
}

/** A rule file larger than this is not parsed: rule files run to kilobytes, not megabytes. */
export const MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;

const PATTERN_HINT =
  'Write patterns relative to the project folder, e.g. `monitoring/**/*.yaml`, in `--alert-rules` or `kb.config.ts` `alertRules`';

/**
 * Reads the Prometheus alerting rules in the files that `patterns` (globs relative to `root`)
 * match: plain rule files, `PrometheusRule` manifests, multi-document YAML and `List`s of
 * manifests. Rule files are untrusted input: symbolic links out of the project, patterns that
 * climb out of it, large files and alias bombs are problems, and nothing here throws.
 */
export function readAlertRules(root: string, patterns: string[]): AlertRuleSet {
  const problems: RuleFileProblem[] = [];
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const refused = patternProblem(pattern);
    if (refused) {
      problems.push(refused);
      continue;
    }
    const files = globFiles(root, pattern);
    if ('problem' in files) problems.push(files.problem);
    else files.files.forEach((file) => matched.add(file));
  }
  const files = [...matched].sort();
  const rules: AlertRuleDef[] = [];
  const projectRoot = realpathOrSelf(root);
  for (const file of files) {
    const read = readRuleFile(root, projectRoot, file);
    rules.push(...read.rules);
    problems.push(...read.problems);
  }
  return { patterns: [...patterns], files, rules, problems };
}

/** Why a pattern is refused before any file is listed: it is empty, absolute or climbs out of the project. */
function patternProblem(pattern: string): RuleFileProblem | undefined {
  const at = { file: pattern, line: 1, column: 1 };
  if (pattern.trim() === '') return { ...at, message: 'Unexpected empty alert rule pattern', hint: PATTERN_HINT };
  if (isAbsolute(pattern) || /^[a-z]:/i.test(pattern) || pattern.startsWith('\\'))
    return {
      ...at,
      message: `Unexpected absolute pattern \`${pattern}\`, expected one relative to the project folder`,
      hint: PATTERN_HINT,
    };
  // `..` as a path segment, also inside braces (`{..,x}/*.yaml`).
  if (/(^|[\\/{,])\.\.($|[\\/},])/.test(pattern))
    return { ...at, message: `Unexpected pattern \`${pattern}\` outside the project folder`, hint: PATTERN_HINT };
  return undefined;
}

/** The files one pattern matches, project-relative; a pattern that matches none is a problem. */
function globFiles(root: string, pattern: string): { files: string[] } | { problem: RuleFileProblem } {
  const at = { file: pattern, line: 1, column: 1 };
  let found: string[];
  try {
    found = globSync(pattern, {
      cwd: root,
      onlyFiles: true,
      followSymbolicLinks: false,
      expandDirectories: false,
      // Dependencies ship rule files of their own; name them explicitly to read them.
      ignore: pattern.includes('node_modules') ? [] : ['**/node_modules/**'],
    });
  } catch (error) {
    return { problem: { ...at, message: `Cannot read pattern \`${pattern}\`: ${(error as Error).message}`, hint: PATTERN_HINT } };
  }
  // Brace expansion can still climb (`{..,x}/*.yaml`): every result is checked again.
  const files = found.map((file) => file.split(sep).join('/')).filter((file) => !isOutside(relative(root, join(root, file))));
  if (files.length > 0) return { files };
  return {
    problem: {
      ...at,
      message: `Cannot find any file matching \`${pattern}\``,
      hint: `Fix the pattern (relative to the project folder, e.g. \`monitoring/**/*.yaml\`): a pattern that matches nothing would turn alert coverage off unnoticed`,
    },
  };
}

/** Reads one matched file: only a regular file inside the project, of at most `MAX_RULE_FILE_BYTES`. */
function readRuleFile(root: string, projectRoot: string, file: string): { rules: AlertRuleDef[]; problems: RuleFileProblem[] } {
  const at = { file, line: 1, column: 1 };
  const path = join(root, file);
  try {
    const real = realpathSync(path);
    if (isOutside(relative(projectRoot, real))) {
      return {
        rules: [],
        problems: [
          {
            ...at,
            message: `Unexpected rule file \`${file}\` outside the project folder: a symbolic link leads to \`${real}\``,
            hint: 'Rule files are read only from inside the project: copy the file in, or point the pattern at where it is kept in this repository',
          },
        ],
      };
    }
    // A FIFO or device would block or never end: only regular files are opened.
    if (!statSync(real).isFile()) return { rules: [], problems: [{ ...at, message: `Unexpected \`${file}\`, expected a regular file` }] };
    const text = readSmallFile(real);
    if (text === undefined) {
      return {
        rules: [],
        problems: [
          {
            ...at,
            message: `Unexpected rule file larger than ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB`,
            hint: 'Split the rules into several files; a rule file this large is more likely a mistake in the pattern',
          },
        ],
      };
    }
    return parseRuleFile(text, file);
  } catch (error) {
    return {
      rules: [],
      problems: [
        { ...at, message: `Cannot read rule file: ${(error as Error).message}`, hint: 'Check that the file exists and is readable' },
      ],
    };
  }
}

/** The file's text, or undefined when it is larger than the limit (read no further than that). */
function readSmallFile(path: string): string | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (fstatSync(fd).size > MAX_RULE_FILE_BYTES) return undefined;
    // Counted again as the bytes come in: a file that grows past the limit meanwhile is refused too.
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(64 * 1024);
    let total = 0;
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      total += n;
      if (total > MAX_RULE_FILE_BYTES) return undefined;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return new TextDecoder().decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

function isOutside(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
