import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { planImport } from '../src/lib/import/import.js';
import { formatImportSummary } from '../src/lib/import/summary.js';
import { readAlertRules } from '../src/lib/alerts/rule-files.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { oneOf, parseCli, printUsage, runMain, UsageError, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run import -- <source-dir> --into <name> [options]

Turns a folder of Markdown runbooks written for another site generator (Hugo, MkDocs,
Middleman, plain GitHub Markdown) into pages of this knowledge base: runbooks go to
content/runbooks/<name>/, guides to content/guides/<name>/, keeping the source's folders.
Exits 0 when the pages were written (links left dangling are listed; \`npm run check\`
reports them), 1 when something stops the import (nothing is written then), 2 on a usage error.`,
  [
    ['--into NAME', 'folder the pages go to under runbooks/ and guides/ (default: the source folder name)'],
    ['--owner TEAM', 'owner of pages whose frontmatter names none (owner, team, owner_slack, …)'],
    ['--reviewed git|YYYY-MM-DD', "last-reviewed: each file's last commit date (default), or one date for all"],
    ['--alert-rules GLOB', 'Prometheus rule files: their alert names mark runbooks (repeatable)'],
    ['--not-alert NAME', 'a CamelCase file name or heading that is not an alert (repeatable)'],
    ['--dry-run', 'print what would be imported, write nothing'],
    ['--force', 'overwrite pages that already exist'],
    ['--format text|json', 'summary format (default: text)'],
  ],
);

runMain(async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    {
      into: { type: 'string' },
      owner: { type: 'string' },
      reviewed: { type: 'string' },
      'alert-rules': { type: 'string', multiple: true },
      'not-alert': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      format: { type: 'string' },
    },
    USAGE,
  );
  if (values.help) return printUsage(USAGE);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError(`Expected one source folder, got ${positionals.length}\n\n${USAGE}`);
  const root = values.root ?? process.cwd();
  const sourceRoot = resolve(positionals[0]);
  if (!existsSync(sourceRoot) || !statSync(sourceRoot).isDirectory())
    throw new UsageError(`Unexpected source \`${positionals[0]}\`: not a folder`);
  const config = await loadKbConfig(root);
  const contentRoot = resolve(root, config.contentDir);
  if (`${contentRoot}/`.startsWith(`${sourceRoot}/`) || `${sourceRoot}/`.startsWith(`${contentRoot}/`))
    throw new UsageError(`Unexpected source \`${positionals[0]}\`: it overlaps the content folder \`${config.contentDir}\``);
  let alertNames: Set<string> | undefined;
  const notes: string[] = [];
  if (values['alert-rules']) {
    const rules = readAlertRules(root, values['alert-rules']);
    alertNames = new Set(rules.rules.map((rule) => rule.alert));
    for (const problem of rules.problems) notes.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
  }
  const result = planImport({
    sourceRoot,
    projectRoot: root,
    config,
    into: values.into ?? basename(sourceRoot),
    owner: values.owner,
    reviewed: values.reviewed ?? 'git',
    alertNames,
    notAlerts: values['not-alert'],
    force: values.force,
  });
  result.summary.notes.unshift(...notes);
  result.summary.dryRun = values['dry-run'] ?? false;
  if (result.errors.length > 0) {
    if (format === 'json') process.stdout.write(`${JSON.stringify({ errors: result.errors, ...result.summary }, null, 2)}\n`);
    else process.stderr.write(`${result.errors.map((error) => `error: ${error}`).join('\n')}\nNothing was imported.\n`);
    return 1;
  }
  if (!result.summary.dryRun) {
    for (const write of result.writes) {
      const target = join(contentRoot, write.contentPath);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, write.data);
    }
  }
  process.stdout.write(
    `${format === 'json' ? JSON.stringify(result.summary, null, 2) : formatImportSummary(result.summary, config.contentDir)}\n`,
  );
  return 0;
});
