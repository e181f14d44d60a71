import { execFileSync } from 'node:child_process';

/** When each file last changed in git, and a note when the history is missing or cut short. */
export interface GitDates {
  /** Path relative to the project root → YYYY-MM-DD of the last commit touching it. */
  dates: Map<string, string>;
  /** False when `root` is not in a git work tree (or git is missing). */
  inRepository: boolean;
  note?: string;
}

/**
 * Reads the last-change date of every file under `dir` from ONE `git log` call: asking git once
 * per file costs seconds on a large knowledge base.
 */
export function readGitDates(root: string, dir: string): GitDates {
  const dates = new Map<string, string>();
  let output: string;
  let shallow = false;
  try {
    shallow =
      execFileSync('git', ['rev-parse', '--is-shallow-repository'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() === 'true';
    // -z: names as they are (git would quote and escape `Disk Full – Ünicode.md`).
    output = execFileSync('git', ['log', '--format=%x1e%cs', '--name-only', '--no-renames', '--relative', '-z', '--', dir], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 512,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return {
      dates,
      inRepository: false,
      note: 'No git history here (not a git work tree, or git is missing): pages show no last-changed date',
    };
  }
  for (const entry of output.split('\x1e')) {
    const [head, ...names] = entry.split('\0');
    const lines = head.split('\n');
    const date = lines[0].trim();
    // With -z the first name follows the date after a blank line, the others are NUL-separated.
    for (const name of [lines.slice(1).join('\n').trim(), ...names.map((next) => next.replace(/^\n+/, ''))])
      if (name !== '' && !dates.has(name)) dates.set(name, date);
  }
  return {
    dates,
    inRepository: true,
    note: shallow
      ? 'Shallow clone: last-changed dates come from the fetched commits only (fetch with `fetch-depth: 0` for full history)'
      : undefined,
  };
}

/** Files changed between `ref` and the work tree (committed or not), relative to the project root. */
export function changedFilesSince(root: string, ref: string): Set<string> {
  const run = (args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  try {
    const base = run(['merge-base', ref, 'HEAD'])[0] ?? ref;
    return new Set([...run(['diff', '--name-only', '--relative', base]), ...run(['ls-files', '--others', '--exclude-standard'])]);
  } catch (error) {
    throw new Error(`Cannot compare with \`${ref}\`: ${(error as Error).message.split('\n')[0]}`);
  }
}
