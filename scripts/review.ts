import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { escapePath, glob, isDynamicPattern } from 'tinyglobby';
import { closestMatch, didYouMean } from '../src/lib/shared/did-you-mean.js';
import { formatIsoDate } from '../src/lib/health/freshness.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { looksLikePage as isPageFile } from '../src/lib/content/files.js';
import { reviewDateProblem, ReviewError, setLastReviewed } from '../src/lib/authoring/review.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { printable } from '../src/lib/shared/printable.js';
import { parseCli, printUsage, runMain, todayOption, UsageError, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run review -- <files, folders or globs> [options]
       npm run review -- --stale [--owner TEAM] [options]

Records that a person checked a page is still right: sets last-reviewed to today in each page
and changes nothing else in the file. Run it only after reading the whole page.`,
  [
    ['--date YYYY-MM-DD', 'the day of the review (default: today; never in the future)'],
    ['--stale', 'every page whose review is overdue'],
    ['--owner TEAM', 'with --stale: only the pages this team owns'],
    ['--dry-run', 'list the pages that would change, write nothing'],
  ],
);

runMain(async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    {
      date: { type: 'string' },
      stale: { type: 'boolean' },
      owner: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) return printUsage(USAGE);
  if (values.stale && positionals.length > 0)
    throw new UsageError(`Unexpected \`${positionals[0]}\` with \`--stale\`, expected either pages or \`--stale\``);
  if (!values.stale && values.owner !== undefined)
    throw new UsageError('Unexpected `--owner` without `--stale`, expected `--stale --owner TEAM`');
  if (!values.stale && positionals.length === 0) throw new UsageError(`Missing pages to mark reviewed\n\n${USAGE}`);

  const root = resolve(values.root ?? process.cwd());
  const today = todayOption(values.today);
  const date = values.date ?? formatIsoDate(today);
  const problem = reviewDateProblem(date, today);
  if (problem) throw new UsageError(`${problem} (from --date)`);

  // npm runs scripts from the project root; INIT_CWD is where the author typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const files = values.stale ? await stalePages(root, today, values.owner) : await expandPages(positionals, base);
  if (files.length === 0) {
    process.stdout.write(
      `No ${values.stale ? 'overdue ' : ''}pages${values.owner ? ` owned by \`${values.owner}\`` : ''} to mark reviewed\n`,
    );
    return 0;
  }

  let changed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = printable(relative(root, file).split(sep).join('/'));
    try {
      const source = readFileSync(file, 'utf8');
      const updated = setLastReviewed(source, date);
      if (updated === source) continue;
      if (!values['dry-run']) writeFileSync(file, updated);
      process.stdout.write(`${shown}\n`);
      changed += 1;
    } catch (error) {
      if (!(error instanceof ReviewError)) throw error;
      process.stderr.write(`${shown}:${error.line}:1: ${printable(error.message)}\n`);
      failed += 1;
    }
  }
  const unchanged = files.length - changed - failed;
  const verb = values['dry-run'] ? 'would be marked' : 'marked';
  process.stdout.write(
    `${changed} page${changed === 1 ? '' : 's'} ${verb} reviewed on ${date}${unchanged > 0 ? `, ${unchanged} already ${unchanged === 1 ? 'was' : 'were'}` : ''}${failed > 0 ? `, ${failed} not changed (see above)` : ''}\n`,
  );
  return failed > 0 ? 1 : 0;
});

/** Overdue pages, from the same freshness rules as `npm run check`, optionally of one owner. */
async function stalePages(root: string, today: Date, owner: string | undefined): Promise<string[]> {
  const config = await loadKbConfig(root);
  const { report } = await runHealthCheck({ root, config, today, git: false });
  if (owner !== undefined) {
    const owners = new Set(report.pages.map((page) => page.owner).filter((name): name is string => name !== undefined));
    if (!owners.has(owner))
      throw new UsageError(printable(`Unexpected \`--owner ${owner}\`, expected the owner of some page${didYouMean(owner, owners)}`));
  }
  return report.pages
    .filter((page) => page.freshness.state === 'stale' && (owner === undefined || page.owner === owner))
    .map((page) => resolve(root, page.file));
}

/** Page files named by paths, folders (every page below) and globs, each once, in order. */
async function expandPages(args: string[], base: string): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    const path = resolve(base, arg);
    if (existsSync(path) && statSync(path).isDirectory()) {
      for (const file of (await glob(`${escapePath(arg)}/**/*.{md,mdx}`, { cwd: base, absolute: true })).sort()) found.add(resolve(file));
    } else if (existsSync(path)) {
      if (!isPageFile(path)) throw new UsageError(`Unexpected file \`${arg}\`, expected a \`.md\` or \`.mdx\` page`);
      found.add(path);
    } else if (isDynamicPattern(arg)) {
      const matches = (await glob(arg, { cwd: base, absolute: true })).filter((file) => isPageFile(file)).sort();
      if (matches.length === 0) throw new UsageError(`Cannot find pages matching \`${arg}\``);
      for (const file of matches) found.add(resolve(file));
    } else {
      const siblings = existsSync(dirname(path)) ? readdirSync(dirname(path)) : [];
      const match = closestMatch(basename(path), siblings);
      throw new UsageError(
        `Cannot find file \`${arg}\`${match ? `; did you mean \`${relative(base, resolve(dirname(path), match))}\`` : ''}`,
      );
    }
  }
  return [...found];
}
