import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the README rule table', () => {
  it('is exactly what `npm run docs:rules` generates from the registry', () => {
    const run = spawnSync(process.execPath, ['scripts/kb.mjs', 'rules-doc', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
