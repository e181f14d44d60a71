import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/lint/fix';
import { copyFixture, ROOT, runScript } from './cli-helpers';

const original = (path: string) => readFileSync(join(ROOT, 'test/fixtures/lint', path), 'utf8');
/** Lines that differ between two texts of the same line count, as `line: before → after`. */
const changedLines = (before: string, after: string) => {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [`${index + 1}: ${line} → ${b[index]}`]));
};

describe('npm run lint:fix', () => {
  it('fixes misspelt sections and site URLs that have a source file, changing only those words', () => {
    const root = copyFixture('lint');
    const { status, stdout } = runScript('lint-fix', [], root);
    expect(status).toBe(0);
    expect(stdout).toBe(
      'content/runbooks/dns/sections-not-ok.md: 2 fixes\ncontent/runbooks/dns/urls-not-ok.md: 4 fixes\n6 fixes applied\n',
    );
    const fixed = (path: string) => readFileSync(join(root, path), 'utf8');
    expect(changedLines(original('content/runbooks/dns/sections-not-ok.md'), fixed('content/runbooks/dns/sections-not-ok.md'))).toEqual([
      '8: ## symptoms → ## Symptoms',
      '14: ## Verfication → ## Verification',
    ]);
    expect(changedLines(original('content/runbooks/dns/urls-not-ok.md'), fixed('content/runbooks/dns/urls-not-ok.md'))).toEqual([
      '10: See [the sections page](https://kb.example.com/kb/runbooks/dns/sections-ok/#diagnosis) and <http://localhost:4321/kb/guides/no-symptoms/>. → See [the sections page](./sections-ok.md#diagnosis) and <http://localhost:4321/kb/guides/no-symptoms/>.',
      '12: Bare: https://kb.example.com/kb/runbooks/dns/gone/ and [preview](http://127.0.0.1:8080/kb/runbooks/dns/imports-ok/). → Bare: https://kb.example.com/kb/runbooks/dns/gone/ and [preview](./imports-ok.mdx).',
      '14: ![diagram](https://kb.example.com/kb/images/dns.png) → ![diagram](/images/dns.png)',
      '16: [def]: https://KB.example.com/kb/runbooks/dns/urls-not-ok/ → [def]: ./urls-not-ok.md',
    ]);
    expect(runScript('lint-fix', [], root).stdout).toBe('0 fixes applied\n');
  });

  it('lists fixes without writing on --dry-run', () => {
    const root = copyFixture('lint');
    expect(runScript('lint-fix', ['--dry-run'], root).stdout).toContain('6 fixes found');
    expect(readFileSync(join(root, 'content/runbooks/dns/sections-not-ok.md'), 'utf8')).toBe(
      original('content/runbooks/dns/sections-not-ok.md'),
    );
  });
});

describe('applyFixes', () => {
  it('applies from the end, skipping overlaps and text that moved', () => {
    const text = 'aaa bbb ccc';
    expect(
      applyFixes(text, [
        { start: 0, end: 3, actual: 'aaa', expected: 'A' },
        { start: 4, end: 7, actual: 'bbb', expected: 'B' },
        { start: 5, end: 11, actual: 'ccc', expected: 'C' },
        { start: 8, end: 11, actual: 'zzz', expected: 'Z' },
      ]),
    ).toEqual({ text: 'A bbb C', applied: 2 });
  });
});
