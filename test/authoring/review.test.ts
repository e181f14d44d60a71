import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewDateProblem, ReviewError, setLastReviewed } from '../../src/lib/authoring/review.js';
import { copyFixture, runScript } from './cli-helpers.js';

const DATE = '2026-11-28';

/** Lines that differ between two texts of the same line count, as [line number, before, after]. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [[index + 1, line, b[index]] as [number, string, string]]));
}

// Inline sources, not files: a checkout may rewrite CRLF and a byte order mark is invisible in review.
const PAGE = [
  '---',
  '# Reviewed with the storage team',
  'title: "Disk full: what to check"',
  'owner: storage-team',
  'last-reviewed: 2026-02-10 # after the March migration',
  'tags: [disk]',
  '---',
  '',
  'last-reviewed: 2026-01-01 in the body stays as it is',
  '',
].join('\n');

describe('setLastReviewed', () => {
  it('changes only the value, keeping a trailing comment', () => {
    const result = setLastReviewed(PAGE, DATE);
    expect(changedLines(PAGE, result)).toEqual([
      [5, 'last-reviewed: 2026-02-10 # after the March migration', 'last-reviewed: 2026-11-28 # after the March migration'],
    ]);
    expect(result.length).toBe(PAGE.length);
  });

  it('keeps CRLF line endings and a byte order mark', () => {
    const source = `\uFEFF${PAGE.replace(/\n/g, '\r\n')}`;
    const result = setLastReviewed(source, DATE);
    expect(result).toBe(source.replace('last-reviewed: 2026-02-10', `last-reviewed: ${DATE}`));
    expect(result.startsWith('\uFEFF---\r\n')).toBe(true);
  });

  it.each([
    ['"2026-02-10"', `"${DATE}"`],
    ["'2026-02-10'", `'${DATE}'`],
    ['"2026-02-10"   # quoted', `"${DATE}"   # quoted`],
    ['', DATE],
    ['# not yet', `${DATE} # not yet`],
    ['2026-02-30', DATE],
  ])('keeps the quoting of `last-reviewed: %s`', (value, expected) => {
    const source = `---\ntitle: A\n'last-reviewed':${value === '' ? '' : ' '}${value}\nowner: b\n---\n`;
    expect(changedLines(source, setLastReviewed(source, DATE))).toEqual([
      [3, `'last-reviewed':${value === '' ? '' : ' '}${value}`, `'last-reviewed': ${expected}`],
    ]);
  });

  it('adds a missing key before the closing line, with the file line ending', () => {
    const source = '---\r\ntitle: A\r\nowner: b\r\n---\r\nBody\r\n';
    expect(setLastReviewed(source, DATE)).toBe(`---\r\ntitle: A\r\nowner: b\r\nlast-reviewed: ${DATE}\r\n---\r\nBody\r\n`);
  });

  it('returns the source unchanged when the date is already set', () => {
    const source = `---\nlast-reviewed: ${DATE}\n---\n`;
    expect(setLastReviewed(source, DATE)).toBe(source);
  });

  it.each([
    [
      '---\ntitle: A\nlast-reviewed:\n  2026-01-01\n---\n',
      3,
      'Cannot update a `last-reviewed` value that spans lines; write it on one line',
    ],
    [
      '---\ntitle: [A\nowner: b\n---\n',
      3,
      'Cannot read the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]; `npm run check` shows how to fix it',
    ],
    [
      '---\ntitle: A\nlast-reviewed: 2026-01-01\nlast-reviewed: 2026-02-01\n---\n',
      4,
      'Cannot read the frontmatter: Map keys must be unique; `npm run check` shows how to fix it',
    ],
    ['title: A\n', 1, 'Missing frontmatter, expected the file to start with `---`'],
    ['---\ntitle: A\n', 2, 'Missing the closing `---` of the frontmatter'],
  ])('refuses what it cannot edit safely (%#)', (source, line, message) => {
    expect(() => setLastReviewed(source, DATE)).toThrow(new ReviewError(message, line));
    try {
      setLastReviewed(source, DATE);
    } catch (error) {
      expect((error as ReviewError).line).toBe(line);
    }
  });

  it('refuses a date that is not on the calendar', () => {
    expect(() => setLastReviewed(PAGE, '2026-02-30')).toThrow('Unexpected date `2026-02-30`, expected a real date like `2026-03-31`');
  });
});

describe('reviewDateProblem', () => {
  const today = new Date(Date.UTC(2026, 10, 28));
  it('accepts today and earlier days', () => {
    expect(reviewDateProblem('2026-11-28', today)).toBeUndefined();
    expect(reviewDateProblem('2025-12-31', today)).toBeUndefined();
  });
  it('refuses future and impossible dates', () => {
    expect(reviewDateProblem('2026-11-29', today)).toBe('Unexpected date `2026-11-29` in the future, expected `2026-11-28` or earlier');
    expect(reviewDateProblem('2026-02-30', today)).toBe('Unexpected date `2026-02-30`, expected a real date like `2026-03-31`');
    expect(reviewDateProblem('28/11/2026', today)).toBe('Unexpected date `28/11/2026`, expected a real date like `2026-03-31`');
  });
});

describe('npm run review', () => {
  const TODAY = ['--today', DATE];

  it('marks the named pages and globs, printing each changed file', () => {
    const root = copyFixture('authoring');
    const before = readFileSync(join(root, 'content/runbooks/dns/resolver-timeouts.md'), 'utf8');
    const result = runScript('review', ['content/runbooks/dns/resolver-timeouts.md', 'content/runbooks/queues/*.md', ...TODAY], root);
    expect(result).toEqual({
      status: 0,
      stdout:
        'content/runbooks/dns/resolver-timeouts.md\ncontent/runbooks/queues/backlog.md\ncontent/runbooks/queues/consumer-lag.md\n3 pages marked reviewed on 2026-11-28\n',
      stderr: '',
    });
    const after = readFileSync(join(root, 'content/runbooks/dns/resolver-timeouts.md'), 'utf8');
    expect(changedLines(before, after)).toEqual([[5, 'last-reviewed: 2026-01-10', 'last-reviewed: 2026-11-28']]);
  });

  it('selects overdue pages of one owner with --stale --owner', () => {
    const root = copyFixture('authoring');
    expect(runScript('review', ['--stale', '--owner', 'storage-team', ...TODAY], root)).toEqual({
      status: 0,
      stdout: 'content/runbooks/storage/disk-full.md\n1 page marked reviewed on 2026-11-28\n',
      stderr: '',
    });
    expect(runScript('review', ['--stale', '--dry-run', ...TODAY], root).stdout).toBe(
      'content/runbooks/dns/resolver-timeouts.md\n1 page would be marked reviewed on 2026-11-28\n',
    );
    expect(runScript('review', ['--stale', '--owner', 'storage-tem', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected `--owner storage-tem`, expected the owner of some page; did you mean `storage-team`\n',
    });
  });

  it('refuses future and impossible dates before touching any file', () => {
    const root = copyFixture('authoring');
    const page = 'content/runbooks/dns/resolver-timeouts.md';
    const before = readFileSync(join(root, page), 'utf8');
    expect(runScript('review', [page, '--date', '2026-11-29', ...TODAY], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'Unexpected date `2026-11-29` in the future, expected `2026-11-28` or earlier (from --date)\n',
    });
    expect(runScript('review', [page, '--date', '2026-02-30', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected date `2026-02-30`, expected a real date like `2026-03-31` (from --date)\n',
    });
    expect(readFileSync(join(root, page), 'utf8')).toBe(before);
  });

  it('names a mistyped file with a did-you-mean', () => {
    const root = copyFixture('authoring');
    expect(runScript('review', ['content/runbooks/dns/resolver-timeout.md', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'Cannot find file `content/runbooks/dns/resolver-timeout.md`; did you mean `content/runbooks/dns/resolver-timeouts.md`\n',
    });
  });

  it('quotes control characters in a page name as escapes', () => {
    const root = copyFixture('authoring');
    // ESC [1A moves the cursor up a line: printed as written, a file name could hide the line before it in a CI log.
    const file = 'content/runbooks/dns/\x1b[1Aclear\x07.md';
    writeFileSync(join(root, file), '---\ntitle: Clear\nowner: dns-team\nlast-reviewed: [2026]\n---\n\nBody\n');
    const result = runScript('review', [file, ...TODAY], root);
    expect(result).toMatchObject({
      status: 1,
      stderr: 'content/runbooks/dns/\\x1b[1Aclear\\x07.md:4:1: Unexpected `last-reviewed: [2026]`, expected a date like `2026-11-28`\n',
    });
    // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
    expect(result.stdout + result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});
