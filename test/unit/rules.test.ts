import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/lib/health/registry';
import { guide } from '../../src/lib/health/rules/support/examples';
import type { RuleExample } from '../../src/lib/health/rule';
import { runHealthCheck } from '../../src/lib/health/run-check';
import { resolveKbConfig } from '../../src/lib/shared/config';

const today = new Date(Date.UTC(2026, 10, 28));
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/**
 * Writes an example knowledge base to a temporary content folder beside `src/` (as `content/` is,
 * so the examples' component imports resolve as in a real project) and checks it.
 */
async function findingsOf(example: RuleExample) {
  const root = process.cwd();
  const contentDir = mkdtempSync(join(root, '.rule-example-')).slice(root.length + 1);
  roots.push(join(root, contentDir));
  for (const [path, file] of Object.entries(example.files)) {
    const target = join(root, contentDir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof file === 'string') writeFileSync(target, file);
    else if ('base64' in file) writeFileSync(target, Buffer.from(file.base64, 'base64'));
    else symlinkSync(file.symlink, target);
  }
  // Rule files go to a folder of their own beside it, and are named to the check by their paths from the project root.
  const alertRules: string[] = [];
  if (example.alertRules) {
    const rulesDir = mkdtempSync(join(root, '.rule-alerts-')).slice(root.length + 1);
    roots.push(join(root, rulesDir));
    for (const [path, text] of Object.entries(example.alertRules)) {
      mkdirSync(dirname(join(root, rulesDir, path)), { recursive: true });
      writeFileSync(join(root, rulesDir, path), text);
      alertRules.push(`${rulesDir}/${path}`);
    }
  }
  const config = resolveKbConfig({ contentDir, alertRules });
  const { report } = await runHealthCheck({ root, config, today, git: false, cache: false });
  return report.findings;
}

describe('every rule of the registry', () => {
  it('has a unique id and a place in the hack-day checklist', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) expect(rule.hackDay.action, rule.id).not.toBe('');
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s: finds nothing in its ok example and something in its not-ok example',
    async (id, rule) => {
      const ok = await findingsOf(rule.examples.ok);
      expect(ok.filter((finding) => finding.rule === id)).toEqual([]);
      const notOk = await findingsOf(rule.examples.notOk);
      const found = notOk.filter((finding) => finding.rule === id);
      expect(found.length, `${id} on its not-ok example; all findings: ${JSON.stringify(notOk, null, 1)}`).toBeGreaterThan(0);
      for (const finding of found) {
        expect(finding.line).toBeGreaterThanOrEqual(1);
        expect(finding.message).not.toMatch(/\.$/);
      }
    },
  );
});

describe('code-language', () => {
  it('names each slip with its line, says why a long block has no colours, and leaves labels alone', async () => {
    // Blank lines every ten lines: a run of 16 KB without one is refused before any parse (block-too-long).
    const long = `${'echo one line of a long script\n'.repeat(10)}\n`.repeat(120);
    const body = `\`\`\`Bash\ndf -h\n\`\`\`\n\n\`\`\`promql\nup == 0\n\`\`\`\n\n\`\`\`sh\n${long}\`\`\`\n`;
    const found = (await findingsOf({ files: { 'guides/a.md': guide('A', body) } })).filter((finding) => finding.rule === 'code-language');
    expect(found.map((finding) => `${finding.line}: ${finding.message}`)).toEqual([
      '7: Unexpected code block language `Bash`, the block is shown without colours; did you mean `bash`',
      '15: Unexpected code block of 37,319 characters, the block is shown without colours over 32,768',
    ]);
  });
});

describe('callout-type', () => {
  it('names each unknown type with its line and a likely one, and leaves known and missing types alone', async () => {
    const body = [
      "import Callout from '../../src/components/Callout.astro';",
      '',
      '<Callout type="dagner">Deletes the disk.</Callout>',
      '',
      '<Callout type="Warning">Drain first.</Callout>',
      '',
      '<Callout type="constructor">Odd.</Callout>',
      '',
      '<Callout type="note" title="Fine">Fine.</Callout>',
      '',
      '<Callout>No type: a note, as meant.</Callout>',
      '',
    ].join('\n');
    const found = (await findingsOf({ files: { 'guides/a.mdx': guide('A', body) } })).filter((finding) => finding.rule === 'callout-type');
    expect(found.map((finding) => `${finding.line}: ${finding.message}`)).toEqual([
      '9: Unexpected callout type `dagner`, expected `note`, `warning`, `danger`; did you mean `danger`',
      '11: Unexpected callout type `Warning`, expected `note`, `warning`, `danger`; did you mean `warning`',
      '13: Unexpected callout type `constructor`, expected `note`, `warning`, `danger`',
    ]);
  });
});

describe('callout-type on hostile input', () => {
  it('quotes a 10 KB type with markup in it on one short line', async () => {
    const type = `<img src=x onerror=alert(1)>${'x'.repeat(10_000)}`;
    const body = `import Callout from '../../src/components/Callout.astro';\n\n<Callout type="${type}">Drain first.</Callout>\n`;
    const found = (await findingsOf({ files: { 'guides/a.mdx': guide('A', body) } })).filter((finding) => finding.rule === 'callout-type');
    expect(found.map((finding) => finding.message)).toEqual([
      'Unexpected callout type `<img src=x onerror=alert(1)>xxxxxxxxxxx…`, expected `note`, `warning`, `danger`',
    ]);
  });
});

describe('rule severities from kb.config.ts', () => {
  it('turns a rule off or changes its severity, and refuses to relax a content-policy rule', async () => {
    const example = RULES.find((rule) => rule.id === 'duplicate-title')!.examples.notOk;
    const root = mkdtempSync(join(tmpdir(), 'kb-rule-'));
    roots.push(root);
    for (const [path, file] of Object.entries(example.files)) {
      mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
      writeFileSync(join(root, 'content', path), file as string);
    }
    const run = (rules: Record<string, 'off' | 'error' | 'warning' | 'info'>) =>
      runHealthCheck({ root, config: resolveKbConfig({ rules }), today, git: false, cache: false });
    expect((await run({ 'duplicate-title': 'off' })).report.findings.filter((f) => f.rule === 'duplicate-title')).toEqual([]);
    expect(
      (await run({ 'duplicate-title': 'error' })).report.findings.filter((f) => f.rule === 'duplicate-title').map((f) => f.severity),
    ).toEqual(['error', 'error']);
    expect(() => resolveKbConfig({ rules: { 'mdx-expression': 'off' } })).toThrow(/content-policy rule/);
    expect(() => resolveKbConfig({ rules: { 'duplicate-titel': 'off' } })).toThrow(/did you mean `duplicate-title`/);
  });
});
