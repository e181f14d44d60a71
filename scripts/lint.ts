import { remark } from 'remark';
import { engine } from 'unified-engine';
import type { VFile } from 'vfile';
import { reporter, type Options as ReporterOptions } from 'vfile-reporter';
import { FILE_RULES } from '../src/lib/health/registry.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { printable } from '../src/lib/shared/printable.js';
import { lintPreset } from '../src/lint/preset.js';
import { parseCli, printUsage, runMain, todayOption, usageText } from './lib/cli.js';

/** Rules that refuse a file before anything parses it. */
const BEFORE_PARSE = new Set(
  FILE_RULES.filter((rule) => rule.refuses && (rule.stage === 'entry' || rule.stage === 'source')).map((rule) => rule.id),
);

const USAGE = usageText(
  `Usage: npm run lint -- [options]

Lints every page with remark-lint and the runbook rules (src/lint/). The configuration is the
project's own: no \`.remarkrc*\`, \`.remarkignore\` or \`package.json\` under the content folder is
read, and the pages are the ones \`npm run check\` lists (symbolic links are never followed; pages
it refuses for size or nesting are not parsed).`,
  [['--no-frail', 'exit 0 on warnings (errors still exit 1)']],
);

runMain(async () => {
  const { values } = parseCli(process.argv.slice(2), { 'no-frail': { type: 'boolean' } }, USAGE);
  if (values.help) return printUsage(USAGE);
  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  // The pages `check` reads, minus those it refused before parsing (too large, nested too deep):
  // they would hang the parser here too, and `check` already reports them.
  const { facts } = await runHealthCheck({ root, config, today: todayOption(values.today), git: false });
  const unparsed = new Set(
    facts.filter((page) => page.findings.some((finding) => BEFORE_PARSE.has(finding.rule))).map((page) => page.file),
  );
  const files = facts.filter((page) => page.kind === 'page' && !unparsed.has(page.file)).map((page) => page.file);
  const preset = await lintPreset(root);
  return new Promise<number>((resolve, reject) => {
    engine(
      {
        processor: remark(),
        files,
        cwd: root,
        extensions: ['md', 'mdx'],
        plugins: preset.plugins ?? [],
        // Content is untrusted: no configuration or ignore file is looked for next to it.
        detectConfig: false,
        detectIgnore: false,
        silentlyIgnore: true,
        quiet: true,
        frail: !values['no-frail'],
        color: process.stderr.isTTY && !process.env.NO_COLOR,
        out: false,
        output: false,
        reporter: printableReport,
      },
      (error, code) => (error ? reject(error) : resolve(code ?? 0)),
    );
  });
});

/**
 * remark's report, with each message as `check` prints its own: a message may quote the page
 * (`Unexpected reference … (\`label\`)`), and a page's control characters must not reach the terminal.
 */
function printableReport(files: VFile[], options: ReporterOptions): string {
  for (const file of files) {
    for (const message of file.messages) {
      message.reason = printable(message.reason);
      message.message = message.reason;
    }
  }
  return reporter(files, options);
}
