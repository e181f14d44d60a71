import { writeFileSync } from 'node:fs';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { editUrlFor, publicUrlFor } from '../src/lib/shared/config.js';
import { buildHackDayReport, formatHackDayMarkdown } from '../src/lib/health/report.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { oneOf, parseCli, printUsage, runMain, todayOption, UsageError, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run report -- [options]

Prints the documentation hack-day checklist: per owner, what is overdue for review,
broken or unreachable, most overdue first; then the alerts of kb.config.ts \`alertRules\`
without a runbook, per owner label.`,
  [
    ['--format markdown|json', 'output format (default: markdown, for a job summary or an issue body)'],
    ['--owner TEAM', "only this team's items"],
    ['--out FILE', 'write to FILE instead of standard output'],
  ],
);

runMain(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      format: { type: 'string' },
      owner: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
  );
  if (values.help) return printUsage(USAGE);
  const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  const today = todayOption(values.today);
  const { report } = await runHealthCheck({ root, config, today });
  // Page owners, and the owner labels of alerting rules that have findings.
  const owners = new Set([...report.pages.map((page) => page.owner), ...report.findings.map((finding) => finding.owner)].filter(Boolean));
  if (values.owner !== undefined && !owners.has(values.owner)) {
    const known = [...owners]
      .sort()
      .map((o) => `\`${o}\``)
      .join(', ');
    throw new UsageError(`Unexpected \`--owner ${values.owner}\`, expected one of ${known}`);
  }
  const hackDay = buildHackDayReport(report, { owner: values.owner });
  const output =
    format === 'json'
      ? JSON.stringify(hackDay, null, 2)
      : formatHackDayMarkdown(hackDay, {
          editUrl: (file) => editUrlFor(config, file),
          pageUrl: config.site ? (url) => publicUrlFor(config, url) ?? url : undefined,
        });
  if (values.out) writeFileSync(values.out, `${output}\n`);
  else process.stdout.write(`${output}\n`);
  return 0;
});
