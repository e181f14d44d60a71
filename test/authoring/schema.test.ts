import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from './cli-helpers.js';

const COMMITTED = join(ROOT, 'schema/frontmatter.schema.json');

describe('npm run schema', () => {
  it('generates exactly the committed schema/frontmatter.schema.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-kb-schema-'));
    try {
      const out = join(dir, 'frontmatter.schema.json');
      expect(runScript('schema', ['--out', out], ROOT).status).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(runScript('schema', ['--check'], ROOT)).toMatchObject({ status: 0, stderr: '' });
  });

  it('describes both page kinds with the field docs of src/lib/content/schema.ts', () => {
    const schema = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    const { runbook, guide } = schema.definitions;
    expect(runbook.required).toEqual(['title', 'symptoms', 'owner', 'last-reviewed']);
    expect(guide.required).toEqual(['title', 'owner', 'last-reviewed']);
    expect(runbook.additionalProperties).toBe(false);
    expect(runbook.properties.owner).toMatchObject({
      description: 'Team responsible for keeping the page true.',
      examples: ['platform-team'],
    });
    expect(guide.properties['last-reviewed']).toMatchObject({ type: 'string', format: 'date', examples: ['2026-03-31'] });
    expect(guide.properties.status).toMatchObject({ enum: ['active', 'draft', 'deprecated'], default: 'active' });
  });
});
