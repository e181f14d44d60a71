import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveKbConfig, type KbConfig, type KbConfigInput } from './config.js';

const CANDIDATES = ['kb.config.ts', 'kb.config.mjs', 'kb.config.js'];

/** Loads `kb.config.*` from `root` with defaults applied; defaults alone when there is none. */
export async function loadKbConfig(root: string): Promise<KbConfig> {
  const file = CANDIDATES.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) return resolveKbConfig({});
  const module = (await importConfig(file)) as { default?: KbConfigInput };
  return resolveKbConfig(module.default ?? {});
}

/**
 * Imports the config file. Under Astro, vitest or tsx a `.ts` file imports as it is; the
 * prebuilt command-line tools run on plain Node, so there the file is bundled with esbuild
 * first, next to the project's node_modules so that its imports resolve.
 */
async function importConfig(file: string): Promise<unknown> {
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  const { buildSync } = await import('esbuild');
  const require = createRequire(import.meta.url);
  const cache = join(dirname(require.resolve('zod/package.json')), '..', '.cache', 'runbook-kb');
  mkdirSync(cache, { recursive: true });
  const hash = createHash('sha256').update(file).update(readFileSync(file)).digest('hex').slice(0, 16);
  const outfile = join(cache, `kb.config.${hash}.mjs`);
  if (!existsSync(outfile)) {
    const partial = `${outfile}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [file],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    renameSync(partial, outfile);
  }
  return import(pathToFileURL(outfile).href);
}
