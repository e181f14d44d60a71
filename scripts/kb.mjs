#!/usr/bin/env node
// Starts a command-line tool from scripts/ (check, report, new, review, import, schema, lint-fix) as one prebuilt bundle.
// Loading TypeScript through tsx costs about half a second per run; `npm run check` on 10,000
// pages has a 3 s budget, so the tool is bundled with esbuild once and rebuilt only when one of
// its source files changes. Usage: node scripts/kb.mjs <tool> [arguments]
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const [tool, ...args] = process.argv.slice(2);
const entry = join(project, 'scripts', `${tool ?? ''}.ts`);
if (!tool || !existsSync(entry)) {
  process.stderr.write(
    `Unexpected tool \`${tool ?? ''}\`, expected one of \`check\`, \`report\`, \`new\`, \`review\`, \`import\`, \`lint\`\n`,
  );
  process.exit(2);
}
const cache = join(project, 'node_modules/.cache/runbook-kb');
const bundle = join(cache, `${tool}.mjs`);
const inputsFile = join(cache, `${tool}.inputs.json`);

/** True when the bundle is missing or older than any file it was built from. */
function isStale() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return true;
  const built = statSync(bundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  return inputs.some((input) => !existsSync(input) || statSync(input).mtimeMs > built);
}

if (isStale()) {
  mkdirSync(cache, { recursive: true });
  // Built aside and renamed into place, so a tool started at the same moment never reads half a file.
  const staging = join(cache, `.build-${process.pid}`);
  const result = await build({
    // The analysis (parsers, policy, file rules) ships beside every tool as its own bundle, loaded
    // only when a file is not in the cache, and as a worker `check` starts on the second core.
    entryPoints: {
      [tool]: entry,
      'analyse-worker': join(project, 'src/lib/health/analyse-worker.ts'),
      analyse: join(project, 'src/lib/health/analyse.ts'),
    },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    metafile: true,
    // The analysis stays a bundle of its own, imported at run time only when a file is not cached.
    plugins: [
      {
        name: 'analysis-apart',
        setup(build) {
          build.onResolve({ filter: /^\.\/analyse\.js$/ }, (args) =>
            args.importer.endsWith('run-check.ts') ? { path: './analyse.mjs', external: true } : undefined,
          );
        },
      },
    ],
    absWorkingDir: project,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(project, input));
  writeFileSync(join(staging, `${tool}.inputs.json`), JSON.stringify(inputs));
  renameSync(join(staging, 'analyse-worker.mjs'), join(cache, 'analyse-worker.mjs'));
  renameSync(join(staging, 'analyse.mjs'), join(cache, 'analyse.mjs'));
  renameSync(join(staging, `${tool}.inputs.json`), inputsFile);
  renameSync(join(staging, `${tool}.mjs`), bundle);
  rmSync(staging, { recursive: true, force: true });
}

// The tool reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(bundle).href);
