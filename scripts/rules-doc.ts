import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import prettier from 'prettier';
import { rulesTable, withRulesTable } from '../src/lib/health/rules-doc.js';
import { parseCli, printUsage, runMain, usageText } from './lib/cli.js';

const USAGE = usageText(
  `Usage: npm run docs:rules -- [--check]

Writes the README's table of health rules from the rule registry (src/lib/health/registry.ts).`,
  [['--check', 'exit 1 if the README differs from what would be written']],
);

runMain(async () => {
  const { values } = parseCli(process.argv.slice(2), { check: { type: 'boolean' } }, USAGE);
  if (values.help) return printUsage(USAGE);
  const file = join(values.root ?? process.cwd(), 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = await prettier.format(withRulesTable(current, rulesTable()), { ...(await prettier.resolveConfig(file)), filepath: file });
  if (values.check) {
    if (next === current) return 0;
    process.stderr.write(
      'Unexpected rule table in `README.md`, expected the one generated from the rule registry; run `npm run docs:rules`\n',
    );
    return 1;
  }
  writeFileSync(file, next);
  process.stdout.write('Wrote the rule table in README.md\n');
  return 0;
});
