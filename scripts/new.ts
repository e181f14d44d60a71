import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rawText } from '../src/lib/health/facts.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { didYouMean } from '../src/lib/shared/did-you-mean.js';
import { formatIsoDate } from '../src/lib/health/freshness.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { chooseOwner, PAGE_KINDS, scaffoldPage, slugForTitle } from '../src/lib/authoring/scaffold.js';
import { parseCli, printUsage, runMain, todayOption, UsageError, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run new -- runbook <service> "<title>" [options]
       npm run new -- guide "<title>" [options]
       npm run new -- path "<title>" [options]

Creates a page with its frontmatter and section skeleton, ready to fill in.
Runbooks go to <content>/runbooks/<service>/<slug>.md, guides and paths to <content>/guides/<slug>.md.`,
  [
    ['--owner TEAM', 'owning team (default for runbooks: the team owning most runbooks of the service)'],
    ['--mdx', 'write .mdx, for pages that need components (builds about 2x slower than .md)'],
    ['--today YYYY-MM-DD', 'date written as last-reviewed (also KB_TODAY; default: today)'],
  ],
);

runMain(async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    {
      owner: { type: 'string' },
      mdx: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) return printUsage(USAGE);
  if (positionals.length === 0) throw new UsageError(`Missing what to create, expected \`runbook\`, \`guide\` or \`path\`\n\n${USAGE}`);
  const kind = PAGE_KINDS.find((name) => name === positionals[0]);
  if (!kind)
    throw new UsageError(
      `Unexpected \`${positionals[0]}\`, expected \`runbook\`, \`guide\` or \`path\`${didYouMean(positionals[0], PAGE_KINDS)}`,
    );
  const [service, title] = kind === 'runbook' ? [positionals[1], positionals[2]] : [undefined, positionals[1]];
  const expectedCount = kind === 'runbook' ? 3 : 2;
  if (positionals.length !== expectedCount || !title?.trim()) {
    throw new UsageError(
      `Unexpected arguments \`${positionals.join(' ')}\`, expected \`${kind === 'runbook' ? 'runbook <service> "<title>"' : `${kind} "<title>"`}\` (quote the title)\n\n${USAGE}`,
    );
  }
  if (service !== undefined && slugForTitle(service) !== service) {
    throw new UsageError(`Unexpected service \`${service}\`, expected a folder name like \`${slugForTitle(service) || 'dns'}\``);
  }
  if (slugForTitle(title) === '') throw new UsageError(`Unexpected title \`${title}\`, expected words to name the file after`);

  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  const today = formatIsoDate(todayOption(values.today));

  let owner = values.owner?.trim();
  let ownerNote = '';
  if (!owner) {
    if (service === undefined) throw new UsageError(`Missing \`--owner TEAM\`: name the team that keeps this ${kind} true`);
    const runbooks = existsSync(join(root, config.contentDir))
      ? (await runHealthCheck({ root, config, today: todayOption(values.today), git: false })).facts.map((page) => ({
          service: page.service,
          owner: rawText(page, 'owner'),
        }))
      : [];
    const choice = chooseOwner(service, runbooks);
    if ('problem' in choice) throw new UsageError(`${choice.problem}\nPass \`--owner TEAM\` to name the team that keeps this runbook true`);
    owner = choice.owner;
    ownerNote = ` (${choice.owner} ${choice.reason}; pass --owner to change)`;
  }

  const page = scaffoldPage({ kind, title, service, owner, today, mdx: values.mdx }, config);
  const file = `${config.contentDir}/${page.contentPath}`;
  const twin = file.replace(/\.mdx?$/, (ext) => (ext === '.md' ? '.mdx' : '.md'));
  const existing = [file, twin].find((path) => existsSync(join(root, path)));
  if (existing) {
    process.stderr.write(`Cannot create \`${file}\`: \`${existing}\` already exists\nEdit it, or choose another title\n`);
    return 1;
  }
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), page.text, { flag: 'wx' });

  const steps = [
    ...(kind === 'runbook' ? ['Write at least one symptom in the frontmatter: what someone sees, verbatim'] : []),
    ...(kind === 'path' ? ['Write the goal and the steps in the frontmatter: the pages to read, in order'] : []),
    'Replace the prompt under each heading',
    `Run \`npm run check\`${kind === 'runbook' ? ': it reports the missing symptom until you write one' : ''}, then \`npm run lint\``,
    'Link to the page from a related runbook or guide, so readers can find it',
  ];
  process.stdout.write(`Created ${file}${ownerNote}\n\nNext:\n${steps.map((step, index) => `  ${index + 1}. ${step}`).join('\n')}\n`);
  return 0;
});
