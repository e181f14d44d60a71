import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestMatch } from '../../src/lib/shared/did-you-mean.js';
import { resolveToday } from '../../src/lib/health/freshness.js';

/** Options every command takes: `--today`, `--root` and `--help`. */
const COMMON_OPTIONS = {
  today: { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMON_HELP: [string, string][] = [
  ['--today YYYY-MM-DD', 'pretend today is this date (also KB_TODAY)'],
  ['--root DIR', 'project folder (default: the current folder)'],
  ['-h, --help', 'show this help'],
];

/**
 * A command's help text: its description, then its options and the common ones in aligned
 * columns. An option listed by the command replaces the common wording for it.
 */
export function usageText(head: string, options: [string, string][]): string {
  const common = COMMON_HELP.filter(([flag]) => !options.some(([own]) => own.split(' ')[0] === flag.split(' ')[0]));
  const rows = [...options, ...common];
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 3;
  return `${head}\n\nOptions:\n${rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`).join('\n')}`;
}

/** Prints a command's usage for `--help`; returns the exit code. */
export function printUsage(usage: string): number {
  process.stdout.write(`${usage}\n`);
  return 0;
}

/** "Today" from `--today` or `KB_TODAY`, a wrong date being a usage mistake. */
export function todayOption(value: string | undefined): Date {
  try {
    return resolveToday(value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A mistake on the command line: printed as one message with a hint, then exit 2. */
export class UsageError extends Error {}

/**
 * `parseArgs` with messages in the project's grammar: an unknown option gets a did-you-mean
 * and the usage text instead of a stack trace.
 */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) {
      const match = closestMatch(unknown.replace(/^-+/, ''), Object.keys(options));
      throw new UsageError(`Unexpected option \`${unknown}\`${match ? `; did you mean \`--${match}\`` : ''}\n\n${usage}`);
    }
    throw new UsageError(`${message.split('\n')[0]}\n\n${usage}`);
  }
}

/** Runs a CLI's main function: usage errors exit 2 with their message, crashes exit 2 with the error. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`${error.message}\n`);
      else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

/** Checks that a value is one of the allowed choices. */
export function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  const match = closestMatch(value, choices);
  throw new UsageError(
    `Unexpected \`--${name} ${value}\`, expected one of ${choices.map((c) => `\`${c}\``).join(', ')}${match ? `; did you mean \`${match}\`` : ''}`,
  );
}
