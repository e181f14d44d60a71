import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { remark } from 'remark';
import { VFile } from 'vfile';
import { listContent } from '../src/lib/content/files.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { applyFixes, fixesOf } from '../src/lint/fix.js';
import { lintPreset } from '../src/lint/preset.js';
import { parseCli, printUsage, runMain, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run lint:fix -- [options]

Applies the fixes the runbook lint rules know (a misspelt section heading, a site URL that
should be a source link), changing only those words, then run \`npm run lint\` for the rest.`,
  [['--dry-run', 'list the fixes without writing']],
);

runMain(async () => {
  const { values } = parseCli(process.argv.slice(2), { 'dry-run': { type: 'boolean' } }, USAGE);
  if (values.help) return printUsage(USAGE);
  const root = values.root ?? process.cwd();
  const config = await loadKbConfig(root);
  const processor = remark().use(await lintPreset(root));
  let total = 0;
  const pages = listContent(root, config.contentDir).filter((entry) => entry.kind === 'page');
  for (const path of pages.map((entry) => join(root, config.contentDir, entry.contentPath))) {
    const text = readFileSync(path, 'utf8');
    const file = new VFile({ path, value: text, cwd: root });
    await processor.run(processor.parse(file), file);
    const fixes = fixesOf(file.messages);
    if (fixes.length === 0) continue;
    const { text: fixed, applied } = applyFixes(text, fixes);
    if (applied === 0) continue;
    total += applied;
    if (!values['dry-run']) writeFileSync(path, fixed);
    process.stdout.write(
      `${relative(root, path)}: ${applied} fix${applied === 1 ? '' : 'es'}${values['dry-run'] ? ' (not written)' : ''}\n`,
    );
  }
  process.stdout.write(`${total} fix${total === 1 ? '' : 'es'} ${values['dry-run'] ? 'found' : 'applied'}\n`);
  return 0;
});
