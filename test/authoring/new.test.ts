import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runScript } from './cli-helpers.js';
import { lintFiles } from './lint-helpers.js';

const TODAY = ['--today', '2026-11-28'];

function check(root: string) {
  const result = runScript('check', ['--format', 'json', ...TODAY], root);
  const report = JSON.parse(result.stdout) as {
    findings: { severity: string; file: string; line: number; column: number; message: string }[];
  };
  return {
    status: result.status,
    errors: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`),
  };
}

describe('npm run new', () => {
  it('scaffolds a runbook that passes the structure rules and fails check only on its missing symptom', async () => {
    const root = copyFixture('authoring');
    const result = runScript('new', ['runbook', 'dns', 'Lookups fail: SERVFAIL from the cluster resolver', ...TODAY], root);

    const file = 'content/runbooks/dns/lookups-fail-servfail-from-the-cluster-resolver.md';
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        `Created ${file} (platform-team owns 2 of 3 runbooks in \`dns\`; pass --owner to change)`,
        '',
        'Next:',
        '  1. Write at least one symptom in the frontmatter: what someone sees, verbatim',
        '  2. Replace the prompt under each heading',
        '  3. Run `npm run check`: it reports the missing symptom until you write one, then `npm run lint`',
        '  4. Link to the page from a related runbook or guide, so readers can find it',
        '',
      ].join('\n'),
    );
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).toContain("title: 'Lookups fail: SERVFAIL from the cluster resolver'\n");
    expect(text).toContain('owner: platform-team\nlast-reviewed: 2026-11-28\n');
    expect(text.match(/^##+ .*/gm)).toEqual([
      '## Symptoms',
      '## Diagnosis',
      '### If the output shows the usual cause',
      '### If it shows something else',
      '## Resolution',
      '## Verification',
      '## Escalation',
    ]);

    expect(await lintFiles(root, [file])).toEqual([
      'runbooks/dns/lookups-fail-servfail-from-the-cluster-resolver.md:6:1: Unexpected `symptoms: []`, expected at least one symptom',
    ]);
    expect(check(root)).toEqual({ status: 1, errors: [`${file}:6:1: Unexpected \`symptoms: []\`, expected at least one symptom`] });
  });

  it('scaffolds a guide that passes lint and check as it is', async () => {
    const root = copyFixture('authoring');
    const result = runScript('new', ['guide', 'Planning disk capacity', '--owner', 'storage-team', ...TODAY], root);
    expect(result.status).toBe(0);
    const file = 'content/guides/planning-disk-capacity.md';
    expect(readFileSync(join(root, file), 'utf8').match(/^## .*/gm)).toEqual(['## Overview', '## Steps', '## See also']);
    expect(await lintFiles(root, [file])).toEqual([]);
    expect(check(root)).toEqual({ status: 0, errors: [] });
  });

  it('writes .mdx only when asked, and the MDX scaffold parses', async () => {
    const root = copyFixture('authoring');
    expect(runScript('new', ['runbook', 'storage', 'Inode exhaustion', '--mdx', ...TODAY], root).status).toBe(0);
    expect(await lintFiles(root, ['content/runbooks/storage/inode-exhaustion.mdx'])).toEqual([
      'runbooks/storage/inode-exhaustion.mdx:6:1: Unexpected `symptoms: []`, expected at least one symptom',
    ]);
  });

  it('refuses to overwrite a page, in either format', () => {
    const root = copyFixture('authoring');
    const result = runScript('new', ['runbook', 'storage', 'Disk full', '--mdx', ...TODAY], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'Cannot create `content/runbooks/storage/disk-full.mdx`: `content/runbooks/storage/disk-full.md` already exists\nEdit it, or choose another title\n',
    );
    expect(existsSync(join(root, 'content/runbooks/storage/disk-full.mdx'))).toBe(false);
  });

  it('asks for --owner when the service has no clear owner', () => {
    const root = copyFixture('authoring');
    expect(runScript('new', ['runbook', 'queues', 'Dead letters pile up', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr:
        'Cannot choose an owner for `queues`: `messaging-team` and `queue-team` each own 1 of its 2 runbooks\nPass `--owner TEAM` to name the team that keeps this runbook true\n',
    });
    expect(runScript('new', ['runbook', 'dsn', 'Dead letters pile up', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr:
        'Cannot find runbooks of service `dsn` to take the owner from; did you mean `dns`\nPass `--owner TEAM` to name the team that keeps this runbook true\n',
    });
    expect(runScript('new', ['guide', 'On-call basics', ...TODAY], root)).toMatchObject({
      status: 2,
      stderr: 'Missing `--owner TEAM`: name the team that keeps this guide true\n',
    });
  });

  it('rejects a bad kind or date with the project message grammar', () => {
    const root = copyFixture('authoring');
    expect(runScript('new', ['runbok', 'dns', 'X'], root).stderr).toBe(
      'Unexpected `runbok`, expected `runbook`, `guide` or `path`; did you mean `runbook`\n',
    );
    expect(runScript('new', ['guide', 'X', '--owner', 'sre', '--today', '2026-02-30'], root).stderr).toBe(
      'Unexpected date `2026-02-30`, expected YYYY-MM-DD (from --today)\n',
    );
  });
});

describe('npm run new -- path', () => {
  it('scaffolds a guided path whose check fails until it has a step', () => {
    const root = copyFixture('authoring');
    const run = runScript('new', ['path', 'Open a port on the firewall', '--owner', 'netops', '--today', '2026-11-28'], root);
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(join(root, 'content/guides/open-a-port-on-the-firewall.md'), 'utf8');
    expect(text).toContain('goal: "As a …, I want to …"\nsteps: []');
    expect(runScript('check', [], root).stdout).toMatch(
      /open-a-port-on-the-firewall\.md\n\s+\d+:1\s+error\s+Unexpected `steps: \[\]`, expected at least one step {2}schema/,
    );
  });
});
