import { join } from 'node:path';
import { remark } from 'remark';
import { engine } from 'unified-engine';
import { listContent } from '../src/lib/content/files.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { lintPreset } from '../src/lint/preset.js';
import { parseCli, printUsage, runMain, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run lint -- [options]

Lints every page with remark-lint and the runbook rules (src/lint/). The configuration is the
project's own: no \`.remarkrc*\`, \`.remarkignore\` or \`package.json\` under the content folder is
read, and the pages are the ones \`npm run check\` lists (symbolic links are never followed).`,
  [['--no-frail', 'exit 0 on warnings (errors still exit 1)']],
);

runMain(async () => {
  const { values } = parseCli(process.argv.slice(2), { 'no-frail': { type: 'boolean' } }, USAGE);
  if (values.help) return printUsage(USAGE);
  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  const files = listContent(root, config.contentDir)
    .filter((entry) => entry.kind === 'page')
    .map((entry) => join(config.contentDir, entry.contentPath));
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
      },
      (error, code) => (error ? reject(error) : resolve(code ?? 0)),
    );
  });
});
