import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The launcher `npm run <tool>` uses: the tool bundled with esbuild, kb.config.ts loaded without tsx.
const LAUNCHER = join(ROOT, 'scripts/kb.mjs');
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of a fixture project under test/fixtures/, removed after the test. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `runbook-kb-${name}-`));
  made.push(dir);
  cpSync(join(ROOT, 'test/fixtures', name), dir, { recursive: true });
  return dir;
}

/** Runs `scripts/<script>.ts` in `cwd` the way `npm run <script>` does, without npm's INIT_CWD. */
export function runScript(script: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.INIT_CWD;
  delete env.KB_TODAY;
  const result = spawnSync(process.execPath, [LAUNCHER, script, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
