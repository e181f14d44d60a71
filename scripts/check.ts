import { writeFileSync } from 'node:fs';
import { changedFilesSince } from '../src/lib/shared/git.js';
import { formatReport, OUTPUT_FORMATS } from '../src/lib/health/format.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { oneOf, parseCli, printUsage, runMain, todayOption, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run check -- [options]

Checks every page without building the site: frontmatter, review dates, links, orphans,
and with alert rule files, which alerts have no runbook.
Exits 1 when any error is found, 0 otherwise.`,
  [
    ['--format text|json|github', 'output format (default: text; github = workflow commands for PR annotations)'],
    ['--strict', 'stale pages and orphans are errors too'],
    ['--changed-since REF', 'review findings only for pages changed since REF; links are still checked everywhere'],
    ['--alert-rules GLOB', 'Prometheus rule files to check alert coverage against (repeatable; replaces kb.config.ts `alertRules`)'],
    ['--quiet', 'hide notices (pages due for review soon)'],
    ['--out FILE', 'write the output to FILE instead of standard output'],
    ['--no-cache', 'read every file again instead of reusing what the last run learnt from unchanged files'],
  ],
);

runMain(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      format: { type: 'string' },
      strict: { type: 'boolean' },
      'changed-since': { type: 'string' },
      'alert-rules': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      out: { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) return printUsage(USAGE);
  const format = oneOf('format', values.format, OUTPUT_FORMATS, 'text');
  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  const today = todayOption(values.today);
  const changedFiles = values['changed-since'] ? changedFilesSince(root, values['changed-since']) : undefined;
  const { report } = await runHealthCheck({
    root,
    config,
    today,
    strict: values.strict,
    changedFiles,
    cache: !values['no-cache'],
    alertRules: values['alert-rules'],
  });
  if (values.quiet) report.findings = report.findings.filter((finding) => finding.severity !== 'info');
  const output = formatReport(report, format, { colour: !values.out && process.stdout.isTTY && !process.env.NO_COLOR });
  if (values.out) writeFileSync(values.out, `${output}\n`);
  else process.stdout.write(`${output}\n`);
  return report.counts.error > 0 ? 1 : 0;
});
