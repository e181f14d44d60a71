// Prebuilt bundles of the project's TypeScript, for code that runs outside Vite and tsx: the
// command-line tools (scripts/kb.mjs) and the health check's worker thread (the build's second core).
// Plain JavaScript, so `node scripts/kb.mjs` can load it before anything is compiled.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';

/**
 * The project folder (`src/`, `scripts/`, `node_modules/`), found through the installed
 * dependencies as `codeRoot()` finds it: this file is also bundled into the tools, which run
 * from the bundle cache.
 */
export const PROJECT = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), '..', '..');

/** Where bundles are kept; never shared between checkouts. */
export const BUNDLE_CACHE = join(PROJECT, 'node_modules/.cache/runbook-kb');

/**
 * The analysis (parsers, policy, file rules) as a worker-thread entry point and as a module of its
 * own: run-check.ts starts the worker on a second core and imports the module only when a file is
 * not cached.
 */
export const ANALYSIS_ENTRIES = {
  'analyse-worker': 'src/lib/health/analyse-worker.ts',
  analyse: 'src/lib/health/analyse.ts',
};

/**
 * The analysis as a worker-thread bundle for the build (Vite's module loader cannot start a
 * worker from TypeScript), kept apart from the command-line tools' set.
 *
 * @returns {Promise<string>} the bundle's path
 */
export async function analysisWorkerBundle() {
  const dir = await freshBundles({ 'analyse-worker': ANALYSIS_ENTRIES['analyse-worker'] }, { dir: join(BUNDLE_CACHE, 'build') });
  return join(dir, 'analyse-worker.mjs');
}

/**
 * The Astro configuration of a knowledge base, for its `astro.config.mjs`: the site's code
 * (src/integrations/astro-config.ts) and the knowledge base's settings (`kbConfig`, a
 * `kb.config.ts` or `.mjs`; none for the defaults), with `overrides` on top of the settings.
 *
 * Astro imports an `astro.config.mjs` with Node when it can, and otherwise (a `.ts` file among its
 * imports) through a Vite server of its own, which compiles every TypeScript module of the
 * integration one by one: 0.7 s of every build, dev start and `astro sync` (1,600 against 900 ms
 * until the configuration is read, docs/benchmarks.md). So both are bundled here with esbuild,
 * once per change of any file they are made of, and imported as plain JavaScript.
 *
 * @param {URL | string | undefined} kbConfig
 * @param {Record<string, unknown>} [overrides]
 * @returns {Promise<import('astro').AstroUserConfig>}
 */
export async function loadSiteConfig(kbConfig, overrides = {}) {
  const settingsFile = kbConfig === undefined ? undefined : kbConfig instanceof URL ? fileURLToPath(kbConfig) : kbConfig;
  const entries = { 'astro-config': 'src/integrations/astro-config.ts' };
  if (settingsFile !== undefined) entries['kb-config'] = relative(PROJECT, settingsFile);
  // One set per knowledge base: the sites of the tests and benchmarks do not rebuild each other's.
  const site = createHash('sha1')
    .update(settingsFile ?? '')
    .digest('hex')
    .slice(0, 12);
  forgetGoneSites(settingsFile, join(BUNDLE_CACHE, 'config', site));
  // Quiet: an error in kb.config.ts is thrown, and Astro reports it once with its file and line
  // (`Unable to load your Astro config`), instead of esbuild printing it again for each attempt.
  const dir = await freshBundles(entries, { dir: join(BUNDLE_CACHE, 'config', site), quiet: true });
  // The bundle's time in the address: a dev server restarted after an edit imports the new one, not Node's cached module.
  // (`@vite-ignore`: where the configuration fails, Astro loads this file again through Vite, which would warn.)
  const load = (name) =>
    import(/* @vite-ignore */ `${pathToFileURL(join(dir, `${name}.mjs`)).href}?v=${statSync(join(dir, `${name}.mjs`)).mtimeMs}`);
  const { siteConfig, resolveKbConfig } = await load('astro-config');
  const settings = settingsFile === undefined ? {} : (await load('kb-config')).default;
  return siteConfig(resolveKbConfig({ ...settings, ...overrides }));
}

/**
 * Notes which settings file the bundles in `dir` were made for, and removes the bundles of sites
 * whose settings file is gone (the tests' temporary sites), so the cache does not grow with them.
 *
 * @param {string | undefined} settingsFile
 * @param {string} dir
 */
function forgetGoneSites(settingsFile, dir) {
  const note = 'settings-file.txt';
  // Noted before the bundles are built: a settings file that does not compile leaves a folder too.
  mkdirSync(dir, { recursive: true });
  if (settingsFile !== undefined && !existsSync(join(dir, note))) writeFileSync(join(dir, note), settingsFile);
  const sites = join(BUNDLE_CACHE, 'config');
  for (const name of readdirSync(sites)) {
    try {
      if (!existsSync(readFileSync(join(sites, name, note), 'utf8'))) rmSync(join(sites, name), { recursive: true, force: true });
    } catch {
      // No note (a site without a settings file, or one being built right now): kept.
    }
  }
}

/**
 * Makes sure `<dir>/<name>.mjs` exists for every entry (name → source path under the project) and
 * is newer than every file it was built from; rebuilds them together with esbuild otherwise.
 * The first entry names the set (`<dir>/<first>.inputs.json` lists its inputs). Built aside and
 * renamed into place, so a process starting at the same moment never reads half a file.
 *
 * @param {Record<string, string>} entries
 * @param {{ dir?: string, externalAnalysis?: boolean, quiet?: boolean }} [options] `quiet`: errors are
 *   only thrown, not printed. `externalAnalysis`: run-check.ts
 *   imports `./analyse.mjs` at run time instead of bundling the analysis in.
 * @returns {Promise<string>} the folder holding the bundles
 */
export async function freshBundles(entries, options = {}) {
  const dir = options.dir ?? BUNDLE_CACHE;
  const names = Object.keys(entries);
  const first = join(dir, `${names[0]}.mjs`);
  const inputsFile = join(dir, `${names[0]}.inputs.json`);
  if (
    !isStale(
      first,
      inputsFile,
      names.map((name) => join(dir, `${name}.mjs`)),
    )
  )
    return dir;
  mkdirSync(dir, { recursive: true });
  const staging = join(dir, `.build-${process.pid}-${names[0]}`);
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, source]) => [name, join(PROJECT, source)])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    metafile: true,
    plugins: options.externalAnalysis ? [analysisApart] : [],
    absWorkingDir: PROJECT,
    logLevel: options.quiet ? 'silent' : 'error',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(PROJECT, input));
  writeFileSync(join(staging, `${names[0]}.inputs.json`), JSON.stringify(inputs));
  // The set's first bundle last: its presence and mtime say the whole set is built.
  for (const name of names.slice(1)) renameSync(join(staging, `${name}.mjs`), join(dir, `${name}.mjs`));
  renameSync(join(staging, `${names[0]}.inputs.json`), inputsFile);
  renameSync(join(staging, `${names[0]}.mjs`), first);
  rmSync(staging, { recursive: true, force: true });
  return dir;
}

/** True when a bundle is missing or older than any file the set was built from. */
function isStale(first, inputsFile, outputs) {
  if (!outputs.every((output) => existsSync(output)) || !existsSync(inputsFile)) return true;
  const built = statSync(first).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  return inputs.some((input) => !existsSync(input) || statSync(input).mtimeMs > built);
}

/** The analysis stays a bundle of its own, imported at run time only when a file is not cached. */
const analysisApart = {
  name: 'analysis-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/analyse\.js$/ }, (args) =>
      args.importer.endsWith('run-check.ts') ? { path: './analyse.mjs', external: true } : undefined,
    );
  },
};
