// `npm run build`: `astro build`, then the search index once Astro has exited.
//
// Indexing inside Astro's last hook stacks Pagefind's memory on Astro's heap, which the build
// still holds then: on 5,000 pages that was the build's peak. Run apart, the peak is the larger
// of the two. The integration writes the folder to index to the file named by KB_INDEX_AFTER_BUILD
// instead of indexing; a plain `astro build` (or Astro's API, as the tests use) still indexes in-process.
//
// Usage: node scripts/kb.mjs build [astro build options, e.g. --root DIR --outDir DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT } from './lib/bundle.mjs';
import { INDEX_AFTER_BUILD, indexSite } from '../src/integrations/pagefind.js';

const ASTRO = join(PROJECT, 'node_modules/astro/astro.js');

/** Runs `astro build` with the given arguments, its output on ours; resolves to its exit status. */
function astroBuild(args: string[], request: string): Promise<number> {
  const child = spawn(process.execPath, [ASTRO, 'build', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', [INDEX_AFTER_BUILD]: request },
  });
  // Ctrl-C reaches the whole process group; waiting for Astro to stop keeps its last words on screen.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** The folder the build asked to have indexed and Astro's cache folder; undefined when it never got that far. */
function requestedSite(request: string): { siteDir: string; cacheDir?: string } | undefined {
  try {
    const { siteDir, cacheDir } = JSON.parse(readFileSync(request, 'utf8')) as { siteDir?: unknown; cacheDir?: unknown };
    if (typeof siteDir !== 'string') return undefined;
    return { siteDir, cacheDir: typeof cacheDir === 'string' ? cacheDir : undefined };
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'runbook-kb-build-'));
  try {
    const request = join(scratch, 'index-request.json');
    const status = await astroBuild(process.argv.slice(2), request);
    const site = requestedSite(request);
    // A build the content gate failed still wrote every good page (status 1, request written):
    // it is indexed as `astro build` alone would have, and the status stays the gate's.
    // No request: Astro stopped before writing the site (an error, or only `--help`).
    if (site === undefined) return status;
    const time = new Date().toTimeString().slice(0, 8);
    process.stdout.write(`${time} [runbook-kb] ${await indexSite(site.siteDir, site.cacheDir)}\n`);
    return status;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`Build failed while writing the search index: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
