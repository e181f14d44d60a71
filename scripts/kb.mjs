#!/usr/bin/env node
// Starts a command-line tool from scripts/ (check, report, new, review, import, schema, lint-fix) as one prebuilt bundle.
// Loading TypeScript through tsx costs about half a second per run; `npm run check` on 10,000
// pages has a 3 s budget, so the tool is bundled with esbuild once and rebuilt only when one of
// its source files changes. Usage: node scripts/kb.mjs <tool> [arguments]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ANALYSIS_ENTRIES, BUNDLE_CACHE, freshBundles, PROJECT } from './lib/bundle.mjs';

const [tool, ...args] = process.argv.slice(2);
const entry = join(PROJECT, 'scripts', `${tool ?? ''}.ts`);
if (!tool || !existsSync(entry)) {
  process.stderr.write(
    `Unexpected tool \`${tool ?? ''}\`, expected one of \`check\`, \`report\`, \`new\`, \`review\`, \`import\`, \`lint\`\n`,
  );
  process.exit(2);
}
// The analysis (parsers, policy, file rules) ships beside every tool as its own bundle, loaded
// only when a file is not in the cache, and as a worker `check` starts on the second core.
await freshBundles({ [tool]: `scripts/${tool}.ts`, ...ANALYSIS_ENTRIES }, { externalAnalysis: true });
const bundle = join(BUNDLE_CACHE, `${tool}.mjs`);

// The tool reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(bundle).href);
