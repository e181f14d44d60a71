import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintFiles } from './lint-helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/lint');
const lint = (...names: string[]) =>
  lintFiles(
    FIXTURE,
    names.map((name) => `content/${name}`),
  );

describe('runbook-sections', () => {
  it('accepts the sections in order, with other H2s between them', async () => {
    expect(await lint('runbooks/dns/sections-ok.md')).toEqual([]);
  });

  it('names misspelt and misplaced sections', async () => {
    expect(await lint('runbooks/dns/sections-not-ok.md')).toEqual([
      'runbooks/dns/sections-not-ok.md:8:1: Unexpected section `## symptoms`, expected `## Symptoms`',
      'runbooks/dns/sections-not-ok.md:12:1: Unexpected position of section `## Diagnosis`, expected after `## symptoms`',
      'runbooks/dns/sections-not-ok.md:14:1: Unexpected section `## Verfication`, expected `## Verification`',
      'runbooks/dns/sections-not-ok.md:14:1: Missing section `## Escalation`, expected after `## Verfication`',
    ]);
  });

  it('says where a missing section belongs; an H3 does not count', async () => {
    expect(await lint('runbooks/dns/sections-missing.md')).toEqual([
      'runbooks/dns/sections-missing.md:10:1: Missing section `## Diagnosis`, expected before `## Resolution`',
      'runbooks/dns/sections-missing.md:10:1: Missing section `## Verification`, expected after `## Resolution`',
      'runbooks/dns/sections-missing.md:10:1: Missing section `## Escalation`, expected after `## Resolution`',
    ]);
  });

  it('reports every section of a runbook without any at the top of the file', async () => {
    expect(await lint('runbooks/dns/no-sections.md')).toEqual(
      ['Symptoms', 'Diagnosis', 'Resolution', 'Verification', 'Escalation'].map(
        (name) => `runbooks/dns/no-sections.md:1:1: Missing section \`## ${name}\``,
      ),
    );
  });

  it('leaves guides alone', async () => {
    expect(await lint('guides/no-symptoms.md')).toEqual([]);
  });
});

describe('runbook-symptoms', () => {
  it('reports a runbook without the key at its frontmatter', async () => {
    expect(await lint('runbooks/dns/symptoms-missing.md')).toEqual([
      'runbooks/dns/symptoms-missing.md:1:1: Missing required key `symptoms`',
    ]);
  });

  it('reports an empty list at its line, past comments', async () => {
    expect(await lint('runbooks/dns/symptoms-empty.md')).toEqual([
      'runbooks/dns/symptoms-empty.md:4:1: Unexpected `symptoms: []`, expected at least one symptom',
    ]);
  });

  it('accepts a single text as well as a list', async () => {
    expect(await lint('runbooks/dns/sections-ok.md', 'runbooks/dns/urls-ok.md')).toEqual([]);
  });
});

describe('mdx-policy', () => {
  it('accepts the allow-listed component imported from its file, and comments', async () => {
    expect(await lint('runbooks/dns/imports-ok.mdx')).toEqual([]);
  });

  it('reports what npm run check refuses: other imports, exports, expressions, unknown components', async () => {
    expect(await lint('runbooks/dns/imports-not-ok.mdx')).toEqual(EXPECTED_POLICY);
  });
});

const EXPECTED_POLICY = [
  "runbooks/dns/imports-not-ok.mdx:7:1: Unexpected import from `node:child_process`, expected `import <Component> from '…'` of `<Callout>` (mdx-esm)",
  'runbooks/dns/imports-not-ok.mdx:8:1: Unexpected import of `Callout` from `../../../src/components/Callout.astro`, expected the file `src/components/Callout.astro` (mdx-esm)',
  "runbooks/dns/imports-not-ok.mdx:9:1: Unexpected import from `../../../src/lib/helper.ts`, expected `import <Component> from '…'` of `<Callout>` (mdx-esm)",
  "runbooks/dns/imports-not-ok.mdx:10:1: Unexpected import from `../../../src/components/../lib/sneaky.ts`, expected `import <Component> from '…'` of `<Callout>` (mdx-esm)",
  'runbooks/dns/imports-not-ok.mdx:11:1: Unexpected `export` in an MDX page, expected only component imports (mdx-esm)',
  'runbooks/dns/imports-not-ok.mdx:12:1: Unexpected `export` in an MDX page, expected only component imports (mdx-esm)',
  "runbooks/dns/imports-not-ok.mdx:14:1: Unexpected `<Callout>` without `import Callout from 'src/components/Callout.astro'` (mdx-component)",
  'runbooks/dns/imports-not-ok.mdx:18:14: Unexpected expression `{owner}`, expected Markdown text (mdx-expression)',
];

describe('no-internal-absolute-url', () => {
  it('accepts source links, site paths, port-forwarded dashboards and URLs in code', async () => {
    expect(await lint('runbooks/dns/urls-ok.md')).toEqual([]);
  });

  it('rejects URLs of the site and of a local preview, naming the source link to use', async () => {
    expect(await lint('runbooks/dns/urls-not-ok.md')).toEqual([
      'runbooks/dns/urls-not-ok.md:10:5: Unexpected URL `https://kb.example.com/kb/runbooks/dns/sections-ok/#diagnosis`, expected `./sections-ok.md#diagnosis`',
      'runbooks/dns/urls-not-ok.md:10:92: Unexpected URL `http://localhost:4321/kb/guides/no-symptoms/`, expected `../../guides/no-symptoms.md`',
      'runbooks/dns/urls-not-ok.md:12:7: Unexpected GFM autolink literal, expected regular autolink, add `<` before and `>` after',
      'runbooks/dns/urls-not-ok.md:12:7: Unexpected URL `https://kb.example.com/kb/runbooks/dns/gone/`, expected a source link to the page file, such as `../dns/ndots.md`',
      'runbooks/dns/urls-not-ok.md:12:56: Unexpected URL `http://127.0.0.1:8080/kb/runbooks/dns/imports-ok/`, expected `./imports-ok.mdx`',
      'runbooks/dns/urls-not-ok.md:14:1: Unexpected URL `https://kb.example.com/kb/images/dns.png`, expected `/images/dns.png`',
      'runbooks/dns/urls-not-ok.md:16:1: Unexpected URL `https://KB.example.com/kb/runbooks/dns/urls-not-ok/`, expected `./urls-not-ok.md`',
    ]);
  });
});

describe('npm run lint', () => {
  it('loads the TypeScript rules through .remarkrc.mjs and parses .mdx as MDX', () => {
    const result = spawnSync(
      join(ROOT, 'node_modules/.bin/remark'),
      ['test/fixtures/lint/content/runbooks/dns/imports-not-ok.mdx', '--quiet', '--frail', '--no-color'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('7:1');
    expect(result.stderr).toContain('Unexpected import from `node:child_process`');
  });
});
