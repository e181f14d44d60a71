import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Builds a fixture site with the real `astro build` (health check and Pagefind included); `env` adds to the environment. */
export function buildSite(root: string, outDir = join(root, 'dist'), env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(
    join(process.cwd(), 'node_modules/.bin/astro'),
    ['build', '--root', resolve(root), '--outDir', resolve(outDir)],
    {
      encoding: 'utf8',
      env: { ...process.env, KB_TODAY: '2026-11-28', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outDir };
}

/** Every file under `dir`, relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => !existsSync(join(dir, file)) || !readdirSync(join(dir, file), { withFileTypes: true }).length || file.includes('.'),
  );
}

/** The decoded records of a Pagefind bundle's fragments: what search results are made from. */
export function readFragments(
  siteDir: string,
): { url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]> }[] {
  const dir = join(siteDir, 'pagefind/fragment');
  return readdirSync(dir).map((name) => {
    const raw = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
    return JSON.parse(raw.replace(/^pagefind_dcd/, ''));
  });
}

/** All text of every file under a folder, gzip-decoded where needed, for "appears nowhere" checks. */
export function allText(dir: string): string {
  const parts: string[] = [];
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, file);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      continue;
    }
    try {
      parts.push(gunzipSync(data).toString('utf8'));
    } catch {
      parts.push(data.toString('utf8'));
    }
  }
  return parts.join('\n');
}
