import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RULE_FILE_BYTES, readAlertRules, type AlertRuleSet } from '../../src/lib/alerts/rule-files';
import { fillAlertName, runbookTarget } from '../../src/lib/alerts/runbook-url';
import type { HealthReport } from '../../src/lib/health/engine';
import { findingToString } from '../../src/lib/health/findings';
import { buildHackDayReport, formatHackDayMarkdown } from '../../src/lib/health/report';
import { runHealthCheck } from '../../src/lib/health/run-check';
import { resolveKbConfig } from '../../src/lib/shared/config';
import { loadKbConfig } from '../../src/lib/shared/load-config';
import { copyFixture, runScript } from '../authoring/cli-helpers';

const FIXTURE = 'test/fixtures/alert-rules';
const today = new Date(Date.UTC(2026, 10, 28));
const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const where = (set: AlertRuleSet) => set.rules.map((rule) => `${rule.file}:${rule.line}:${rule.column} ${rule.alert} (${rule.group})`);
const problems = (set: AlertRuleSet) => set.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);

describe('readAlertRules', () => {
  it('reads a plain rule file: alerts with labels, annotations and the line of `- alert:`, recording rules skipped', () => {
    const set = readAlertRules(FIXTURE, ['monitoring/storage.yaml']);
    expect(set).toEqual({
      patterns: ['monitoring/storage.yaml'],
      files: ['monitoring/storage.yaml'],
      problems: [],
      rules: [
        {
          alert: 'DiskFull',
          file: 'monitoring/storage.yaml',
          line: 5,
          column: 9,
          group: 'storage',
          labels: { severity: 'critical', team: 'storage' },
          annotations: {
            summary: 'Disk {{ $labels.device }} on {{ $labels.instance }} is almost full',
            runbook_url: 'https://kb.example.com/alerts/DiskFull/',
          },
          runbookUrl: 'https://kb.example.com/alerts/DiskFull/',
        },
        {
          alert: 'DiskSlow',
          file: 'monitoring/storage.yaml',
          line: 16,
          column: 9,
          group: 'storage',
          labels: { severity: 'warning', team: 'storage' },
          annotations: { runbook_url: 'https://kb.example.com/alerts/{{ $labels.alertname }}/' },
          runbookUrl: 'https://kb.example.com/alerts/{{ $labels.alertname }}/',
        },
        {
          alert: 'InodesLow',
          file: 'monitoring/storage.yaml',
          line: 23,
          column: 9,
          group: 'storage',
          labels: { severity: 'page', team: 'storage' },
          annotations: { runbook_url: '/runbooks/storage/disk-full/' },
          runbookUrl: '/runbooks/storage/disk-full/',
        },
      ],
    });
  });

  it('reads PrometheusRule manifests, multi-document files and Lists, skipping other kinds; recording rules alone are fine', () => {
    const set = readAlertRules(FIXTURE, ['monitoring/*.yaml']);
    expect(set.files).toEqual([
      'monitoring/api-list.yaml',
      'monitoring/coredns-rule.yaml',
      'monitoring/queue.yaml',
      'monitoring/recording.yaml',
      'monitoring/storage.yaml',
    ]);
    expect(where(set)).toEqual([
      'monitoring/api-list.yaml:13:15 ApiErrorsHigh (api)',
      'monitoring/coredns-rule.yaml:12:11 CoreDNSLatencyHigh (coredns)',
      'monitoring/coredns-rule.yaml:20:11 CoreDnsDown (coredns)',
      'monitoring/queue.yaml:5:9 QueueBacklog (queue)',
      'monitoring/queue.yaml:9:9 QueueConsumerLag (queue)',
      'monitoring/queue.yaml:27:11 QueueStuck (queue-critical)',
      'monitoring/storage.yaml:5:9 DiskFull (storage)',
      'monitoring/storage.yaml:16:9 DiskSlow (storage)',
      'monitoring/storage.yaml:23:9 InodesLow (storage)',
    ]);
    expect(set.problems).toEqual([]);
  });

  it('lists what is wrong with a malformed file, where, and keeps the rules it can read', () => {
    const set = readAlertRules(FIXTURE, ['broken/shapes.yaml', 'broken/syntax.yaml']);
    expect(problems(set)).toEqual([
      'broken/shapes.yaml:3:3: Unexpected `groups` of type mapping, expected a list of rule groups',
      'broken/shapes.yaml:9:9: Missing `alert` or `record` in a rule in group `shapes`',
      'broken/shapes.yaml:12:16: Unexpected alert name `404`, expected text',
      'broken/shapes.yaml:14:16: Unexpected alert name of type list, expected text',
      'broken/shapes.yaml:18:17: Unexpected `labels` of type list, expected a mapping of names to text',
      'broken/shapes.yaml:22:12: Unexpected `rules` of type text in group `rules-not-a-list`, expected a list',
      'broken/syntax.yaml:5:7: Cannot parse YAML: Block collections are not allowed within flow collections',
    ]);
    expect(set.problems.every((problem) => problem.hint)).toBe(true);
    expect(where(set)).toEqual(['broken/shapes.yaml:16:9 LabelsAsList (shapes)', 'broken/shapes.yaml:19:9 StillRead (shapes)']);
  });

  it('stops an alias bomb within a budget of the file size instead of expanding it', () => {
    const started = performance.now();
    const set = readAlertRules(FIXTURE, ['broken/alias-bomb.yaml']);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems(set)).toEqual(['broken/alias-bomb.yaml:15:9: Unexpected YAML aliases that expand to more entries than the file holds']);
    expect(set.rules).toEqual([]);
  });

  it('follows anchors, aliases and merge keys that stay within the budget, as Prometheus does', () => {
    const root = scratch();
    writeFileSync(
      join(root, 'rules.yaml'),
      [
        'x-defaults: &defaults { severity: critical, team: storage }',
        'groups:',
        '  - name: merged',
        '    rules:',
        '      - &rule',
        '        alert: DiskFull',
        '        labels: { <<: *defaults, severity: page, __proto__: kept, count: 1.0 }',
        '      - *rule',
        '',
      ].join('\n'),
    );
    const set = readAlertRules(root, ['rules.yaml']);
    expect(set.problems).toEqual([]);
    expect(set.rules.map((rule) => [rule.alert, rule.line, rule.labels])).toEqual([
      ['DiskFull', 6, { severity: 'page', ['__proto__']: 'kept', count: '1.0', team: 'storage' }],
      ['DiskFull', 6, { severity: 'page', ['__proto__']: 'kept', count: '1.0', team: 'storage' }],
    ]);
    expect(Object.getPrototypeOf(set.rules[0].labels)).toBe(Object.prototype);
  });

  it('refuses patterns that match nothing, climb out of the project or are absolute', () => {
    const set = readAlertRules(FIXTURE, [
      'monitoring/*.yml',
      '../alert-rules/monitoring/*.yaml',
      '{..,monitoring}/*.yaml',
      '/etc/*.yaml',
      '',
    ]);
    expect(problems(set)).toEqual([
      'monitoring/*.yml:1:1: Cannot find any file matching `monitoring/*.yml`',
      '../alert-rules/monitoring/*.yaml:1:1: Unexpected pattern `../alert-rules/monitoring/*.yaml` outside the project folder',
      '{..,monitoring}/*.yaml:1:1: Unexpected pattern `{..,monitoring}/*.yaml` outside the project folder',
      '/etc/*.yaml:1:1: Unexpected absolute pattern `/etc/*.yaml`, expected one relative to the project folder',
      ':1:1: Unexpected empty alert rule pattern',
    ]);
    expect(set.files).toEqual([]);
  });

  it('never reads through a symbolic link out of the project, nor a file over the size limit', () => {
    const outside = scratch();
    writeFileSync(join(outside, 'secret.yaml'), 'groups: [{ name: x, rules: [{ alert: Secret }] }]\n');
    const root = scratch();
    mkdirSync(join(root, 'monitoring'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'monitoring/linked.yaml'));
    symlinkSync(outside, join(root, 'linked-dir'));
    writeFileSync(join(root, 'monitoring/huge.yaml'), `# ${'x'.repeat(MAX_RULE_FILE_BYTES)}\n`);
    const set = readAlertRules(root, ['monitoring/*.yaml', 'linked-dir/*.yaml']);
    // The linked file is not listed at all; a folder named in the pattern is, and is then refused.
    expect(set.files).toEqual(['linked-dir/secret.yaml', 'monitoring/huge.yaml']);
    expect(problems(set)).toEqual([
      `linked-dir/secret.yaml:1:1: Unexpected rule file \`linked-dir/secret.yaml\` outside the project folder: a symbolic link leads to \`${join(outside, 'secret.yaml')}\``,
      'monitoring/huge.yaml:1:1: Unexpected rule file larger than 5 MB',
    ]);
    expect(set.rules).toEqual([]);
  });
});

describe('runbook_url', () => {
  it('names the alert-name templates, which Prometheus leaves empty, and what to write instead', () => {
    expect(fillAlertName('https://kb.example.com/alerts/{{ $labels.alertname }}/', 'DiskFull')).toEqual({
      templates: ['{{ $labels.alertname }}'],
      filled: 'https://kb.example.com/alerts/DiskFull/',
    });
    expect(fillAlertName('/runbooks/{{ .Labels.alertname | toLower }}/', 'DiskFull').filled).toBe('/runbooks/diskfull/');
    expect(fillAlertName('/alerts/{{- index $labels "alertname" -}}/', 'DiskFull').filled).toBe('/alerts/DiskFull/');
    expect(fillAlertName('/alerts/{{ $labels.instance }}/', 'DiskFull').templates).toEqual([]);
  });

  it('leaves the name as it is through a pipe it does not know, whatever the pipe is called', () => {
    // `PIPES['__proto__']` is Object.prototype, which cannot be called: a rule file crashed the check.
    for (const pipe of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'title'])
      expect(fillAlertName(`/alerts/{{ $labels.alertname | ${pipe} }}/`, 'DiskFull').filled, pipe).toBe('/alerts/DiskFull/');
  });

  it("reads URLs on the site's own host and base as site URLs, and leaves other hosts alone", () => {
    const own = { site: 'https://kb.example.com', base: '/kb/' };
    expect(runbookTarget('https://kb.example.com/kb/alerts/DiskFull/', own)).toEqual({ kind: 'alert', alert: 'DiskFull' });
    expect(runbookTarget('/kb/alerts/Disk%20Full', own)).toEqual({ kind: 'alert', alert: 'Disk Full' });
    expect(runbookTarget('alerts/DiskFull/', own)).toEqual({ kind: 'alert', alert: 'DiskFull' });
    expect(runbookTarget('https://KB.example.com/kb/runbooks/dns/ndots/#diagnosis', own)).toEqual({
      kind: 'page',
      url: '/runbooks/dns/ndots/',
    });
    expect(runbookTarget('/kb/runbooks/dns/ndots/index.html', own)).toEqual({ kind: 'page', url: '/runbooks/dns/ndots/' });
    expect(runbookTarget('/runbooks/dns/ndots/', own)).toEqual({ kind: 'outside-base', path: '/runbooks/dns/ndots/' });
    expect(runbookTarget('https://wiki.example.com/kb/alerts/DiskFull/', own)).toEqual({ kind: 'elsewhere' });
    expect(runbookTarget('https://kb.example.com/kb/alerts/{{ $labels.instance }}/', own)).toEqual({ kind: 'elsewhere' });
    expect(runbookTarget('  ', own)).toEqual({ kind: 'empty' });
    expect(runbookTarget('https://kb.example.com/alerts/DiskFull/', { base: '/' })).toEqual({ kind: 'elsewhere' });
  });
});

describe('alert coverage in the health check', () => {
  let report: HealthReport;
  beforeAll(async () => {
    // The fixture's kb.config.ts: `site` and `alertRules: ['monitoring/*.yaml']`.
    ({ report } = await runHealthCheck({ root: FIXTURE, config: await loadKbConfig(FIXTURE), today, git: false, cache: false }));
  });

  it('reports alerts without runbooks, broken runbook URLs and alerts that are gone, at the rule or the page', () => {
    expect(report.findings.map((f) => `${findingToString(f)} [${f.rule}/${f.severity}${f.owner ? ` @${f.owner}` : ''}]`)).toEqual([
      'content/runbooks/api/errors.md:4:1: Cannot find alert `ApiLatencyHigh` in the alert rule files [alert-rule-gone/warning]',
      'content/runbooks/dns/coredns.md:4:1: Cannot find alert `CoreDNSDown` in the alert rule files; did you mean `CoreDnsDown` [alert-rule-gone/warning]',
      'monitoring/coredns-rule.yaml:20:11: Missing runbook for alert `CoreDnsDown` (critical): no published page lists it in `alerts`; did you mean `CoreDNSDown` [alert-without-runbook/error @platform]',
      'monitoring/queue.yaml:9:9: Missing runbook for alert `QueueConsumerLag` (warning): no published page lists it in `alerts` [alert-without-runbook/warning @unowned]',
      'monitoring/queue.yaml:27:11: Cannot find page `/runbooks/queue/stuck/` on this site; did you mean `/runbooks/queue/backlog/` [runbook-url-broken/error @messaging]',
      'monitoring/storage.yaml:16:9: Unexpected `{{ $labels.alertname }}` in `runbook_url`: Prometheus fills in templates before it adds the `alertname` label, so this comes out empty [runbook-url-broken/error @storage]',
      'monitoring/storage.yaml:23:9: Missing runbook for alert `InodesLow` (page): no published page lists it in `alerts` [alert-without-runbook/error @storage]',
      'monitoring/storage.yaml:23:9: Unexpected `runbook_url` `/runbooks/storage/disk-full/`: it opens the runbook of alert `DiskFull` (`runbooks/storage/disk-full.md`), not of `InodesLow` [runbook-url-broken/error @storage]',
    ]);
    expect(report.findings.every((finding) => finding.hint)).toBe(true);
    expect(report.sections).toEqual({ policy: 0, review: 0, 'due-soon': 0, links: 0, orphans: 0, alerts: 8, content: 0 });
  });

  it('gives the hint that fixes each', () => {
    const hints = Object.fromEntries(report.findings.map((f) => [`${f.file}:${f.line} ${f.rule}`, f.hint]));
    expect(hints['monitoring/coredns-rule.yaml:20 alert-without-runbook']).toBe(
      'Alert names are case-sensitive: `runbooks/dns/coredns.md` lists `CoreDNSDown`; write `CoreDnsDown` there',
    );
    expect(hints['monitoring/storage.yaml:16 runbook-url-broken']).toBe(
      'Write the alert name itself: `https://kb.example.com/alerts/DiskSlow/`',
    );
    expect(hints['monitoring/queue.yaml:27 runbook-url-broken']).toBe(
      'Point it at `https://kb.example.com/alerts/QueueStuck/`, which opens the page that lists `QueueStuck` in `alerts`',
    );
  });

  it('reports unreadable rule files and then judges no alert gone; without rule files it judges nothing', async () => {
    const run = async (alertRules: string[]) =>
      (await runHealthCheck({ root: FIXTURE, config: await loadKbConfig(FIXTURE), today, git: false, cache: false, alertRules })).report
        .findings;
    const broken = await run(['broken/syntax.yaml', 'monitoring/storage.yaml']);
    expect(broken.filter((f) => f.rule === 'alert-rules-invalid').map(findingToString)).toEqual([
      'broken/syntax.yaml:5:7: Cannot parse YAML: Block collections are not allowed within flow collections',
    ]);
    expect(broken.filter((f) => f.rule === 'alert-rule-gone')).toEqual([]);
    expect(broken.filter((f) => f.rule === 'alert-without-runbook').map((f) => f.alert?.name)).toEqual(['InodesLow']);
    expect(await run([])).toEqual([]);
  });

  it('lists alerts without runbooks per owner label in the hack-day report, paging ones first', () => {
    const hackDay = buildHackDayReport(report);
    expect(hackDay.sections).toEqual(report.sections);
    expect(hackDay.alertsWithoutRunbooks).toEqual([
      {
        owner: 'platform',
        alerts: [{ alert: 'CoreDnsDown', severity: 'critical', findingSeverity: 'error', file: 'monitoring/coredns-rule.yaml', line: 20 }],
      },
      {
        owner: 'storage',
        alerts: [{ alert: 'InodesLow', severity: 'page', findingSeverity: 'error', file: 'monitoring/storage.yaml', line: 23 }],
      },
      {
        owner: 'unowned',
        alerts: [{ alert: 'QueueConsumerLag', severity: 'warning', findingSeverity: 'warning', file: 'monitoring/queue.yaml', line: 9 }],
      },
    ]);
    // Listed there and not again in the owners' checklists; every other finding is an item.
    expect(hackDay.owners.flatMap((o) => o.items)).toHaveLength(report.findings.length - 3);
    expect(buildHackDayReport(report, { owner: 'storage' }).alertsWithoutRunbooks.map((section) => section.owner)).toEqual(['storage']);

    const markdown = formatHackDayMarkdown(hackDay, { editUrl: (file) => `https://git.test/edit/${file}` }).split('\n');
    expect(markdown[2]).toBe(
      '5 pages · **0** overdue for review · **0** broken links · **0** orphan pages · 0 due soon · **8** alert coverage findings',
    );
    const from = markdown.indexOf('## Alerts without runbooks (3)');
    expect(markdown.slice(from)).toEqual([
      '## Alerts without runbooks (3)',
      '',
      '### platform (1)',
      '',
      '- [ ] Write a runbook for `CoreDnsDown` (severity: critical, paging) — [`monitoring/coredns-rule.yaml:20`](https://git.test/edit/monitoring/coredns-rule.yaml)',
      '',
      '### storage (1)',
      '',
      '- [ ] Write a runbook for `InodesLow` (severity: page, paging) — [`monitoring/storage.yaml:23`](https://git.test/edit/monitoring/storage.yaml)',
      '',
      '### unowned (1)',
      '',
      '- [ ] Write a runbook for `QueueConsumerLag` (severity: warning) — [`monitoring/queue.yaml:9`](https://git.test/edit/monitoring/queue.yaml)',
      '',
    ]);
    expect(markdown).toContain(
      '- [ ] Fix `runbook_url` of alert DiskSlow: Unexpected \\`{{ $labels.alertname }}\\` in \\`runbook\\_url\\`: Prometheus fills in templates before it adds the \\`alertname\\` label, so this comes out empty — [`monitoring/storage.yaml:16`](https://git.test/edit/monitoring/storage.yaml)',
    );
  });

  it('takes the paging severities, the severity label and the owner label from kb.config.ts', async () => {
    const config = resolveKbConfig({
      site: 'https://kb.example.com',
      alertCoverage: { pagingSeverities: ['WARNING'], severityLabel: 'severity', ownerLabel: 'severity' },
    });
    const { report: custom } = await runHealthCheck({
      root: FIXTURE,
      config,
      today,
      git: false,
      cache: false,
      alertRules: ['monitoring/*.yaml'],
    });
    expect(
      custom.findings.filter((f) => f.rule === 'alert-without-runbook').map((f) => `${f.alert?.name} ${f.severity} @${f.owner}`),
    ).toEqual(['CoreDnsDown warning @critical', 'QueueConsumerLag error @warning', 'InodesLow warning @page']);
    expect(() => resolveKbConfig({ alertCoverage: { pagingSeverity: ['critical'] } as never })).toThrow(/alertCoverage/);
  });
});

describe('npm run check -- --alert-rules', () => {
  it('reads the rule files the flag names instead of kb.config.ts `alertRules`, and exits 1 on errors', () => {
    const root = copyFixture('alert-rules');
    const { status, stdout } = runScript(
      'check',
      ['--today', '2026-11-28', '--alert-rules', 'broken/shapes.yaml', '--alert-rules', 'monitoring/storage.yaml'],
      root,
    );
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    expect(lines.slice(lines.indexOf('broken/shapes.yaml'), lines.indexOf('broken/shapes.yaml') + 3)).toEqual([
      'broken/shapes.yaml',
      '  3:3     error   Unexpected `groups` of type mapping, expected a list of rule groups  alert-rules-invalid',
      '                  hint: A rule file is `groups:`, a list of `- name: …` groups, each with `rules:`, a list of `- alert: Name` or `- record: name` rules',
    ]);
    expect(stdout).toContain(
      '  23:9    error   Missing runbook for alert `InodesLow` (page): no published page lists it in `alerts`  alert-without-runbook',
    );
    // Not the config's monitoring/*.yaml: nothing from the other rule files.
    expect(stdout).not.toContain('monitoring/queue.yaml');
  });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-alert-rules-'));
  temporary.push(dir);
  return dir;
}
