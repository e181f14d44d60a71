import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlertStyle, notAlertSet } from '../../src/lib/import/alert-names';
import { intervalOf, readForeignFrontmatter } from '../../src/lib/import/foreign-frontmatter';
import { rewriteForeignSyntax } from '../../src/lib/import/foreign-syntax';
import { planImport, type ImportOptions } from '../../src/lib/import/import';
import { gitlabSlug, mkdocsSlug } from '../../src/lib/import/page-text';
import { resolveKbConfig } from '../../src/lib/shared/config';

const fixtures = resolve('test/fixtures/import');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(shape: string, options: Partial<ImportOptions> = {}) {
  const result = planImport({
    sourceRoot: join(fixtures, shape),
    projectRoot: process.cwd(),
    config: resolveKbConfig({ contentDir: '.import-test-none' }),
    into: shape,
    owner: 'sre',
    reviewed: '2026-11-01',
    ...options,
  });
  const pages = new Map<string, { data: Record<string, unknown>; body: string }>();
  for (const write of result.writes) {
    if (typeof write.data !== 'string') continue;
    const [, yaml, body] = /^---\n([\s\S]*?)---\n\n([\s\S]*)$/.exec(write.data)!;
    pages.set(write.contentPath, { data: parse(yaml), body });
  }
  return { ...result, pages };
}

describe('alert names', () => {
  it('takes CamelCase identifiers with two humps, not repository files or product names', () => {
    const excluded = notAlertSet(['MyService']);
    for (const name of ['KubePodCrashLooping', 'etcdNoLeader', 'KubeAPIDown', 'TargetDown', 'CPUThrottlingHigh'])
      expect(isAlertStyle(name, excluded), name).toBe(true);
    for (const name of ['README', 'CHANGELOG', 'Watchdog', 'disk-full', 'GitHub', 'PostgreSQL', 'MyService', 'Kube Pod', 'kubectl'])
      expect(isAlertStyle(name, excluded), name).toBe(false);
  });
});

describe('foreign syntax', () => {
  it('turns admonitions and block shortcodes into labelled quotes, one line for one line', () => {
    const source = [
      '!!! warning "Data loss"',
      '    Never delete it.',
      '',
      '    Really.',
      'After.',
      '{{< hint info >}}',
      'Careful.',
      '{{< /hint >}}',
      '[[_TOC_]]',
    ].join('\n');
    const result = rewriteForeignSyntax(source, { resolveRef: () => undefined });
    expect(result.text.split('\n')).toEqual([
      '> **Data loss:**',
      '> Never delete it.',
      '>',
      '> Really.',
      'After.',
      '> **Info:**',
      '> Careful.',
      '',
      '',
    ]);
    expect(Object.fromEntries(result.changes)).toEqual({
      'admonition became a quote': 1,
      'shortcode `hint` became a quote': 1,
      'table-of-contents marker removed': 1,
    });
  });

  it('leaves shortcodes inside fenced code alone, removes attribute lists and keeps explicit heading ids', () => {
    const source = ['```', '{{< ref "a.md" >}}', '```', '## Clean up {#cleanup}', 'Text {: .lead }', '{: target=_blank }'].join('\n');
    const result = rewriteForeignSyntax(source, { resolveRef: () => './a.md' });
    expect(result.text).toBe(['```', '{{< ref "a.md" >}}', '```', '## Clean up', 'Text', ''].join('\n'));
    expect(result.explicitIds).toEqual(new Map([[4, 'cleanup']]));
  });

  it('reads TOML frontmatter, maps review intervals and reports unreadable YAML without evaluating it', () => {
    expect(readForeignFrontmatter('+++\ntitle = "A"\nweight = 2\n+++\nBody\n')).toEqual({
      data: { title: 'A', weight: 2 },
      body: 'Body\n',
      bodyLine: 5,
    });
    expect(readForeignFrontmatter('---\nowner: !!js/function "x"\n---\nBody').problem?.line).toBe(2);
    expect([intervalOf('6 months'), intervalOf('1 year'), intervalOf('90d'), intervalOf('0 days'), intervalOf('soon')]).toEqual([
      '6m',
      '1y',
      '90d',
      undefined,
      undefined,
    ]);
    expect([mkdocsSlug('Clean up'), gitlabSlug('Überblick & Setup')]).toEqual(['clean-up', 'überblick-setup']);
  });
});

describe('importing alert runbooks without frontmatter', () => {
  const result = run('alert-runbooks');

  it('makes each alert file a runbook named after the alert, with symptoms from its Meaning section', () => {
    expect(result.errors).toEqual([]);
    expect([...result.pages.keys()].sort()).toEqual([
      'guides/alert-runbooks/contributing.md',
      'guides/alert-runbooks/docs/writing-runbooks.md',
      'guides/alert-runbooks/index.md',
      'runbooks/alert-runbooks/alerts/etcd/etcd-no-leader.md',
      'runbooks/alert-runbooks/alerts/kube-state-metrics/kube-deployment-replicas-mismatch.md',
      'runbooks/alert-runbooks/alerts/kube-state-metrics/kube-pod-crash-looping.md',
      'runbooks/alert-runbooks/alerts/node/node-filesystem-space-filling-up.md',
    ]);
    const crash = result.pages.get('runbooks/alert-runbooks/alerts/kube-state-metrics/kube-pod-crash-looping.md')!;
    expect(crash.data).toEqual({
      title: 'KubePodCrashLooping',
      symptoms: [
        'A container in a pod has been restarting repeatedly and is stuck in `CrashLoopBackOff`: the kubelet waits longer before each new attempt.',
      ],
      alerts: ['KubePodCrashLooping'],
      owner: 'sre',
      'last-reviewed': '2026-11-01',
    });
    // The `# KubePodCrashLooping` heading became the title.
    expect(crash.body.startsWith('## Meaning')).toBe(true);
    expect(result.pages.get('runbooks/alert-runbooks/alerts/etcd/etcd-no-leader.md')!.data.alerts).toEqual(['etcdNoLeader']);
  });

  it('says an alert fires when the page has no text about what is seen, and counts where symptoms came from', () => {
    expect(
      result.pages.get('runbooks/alert-runbooks/alerts/kube-state-metrics/kube-deployment-replicas-mismatch.md')!.data.symptoms,
    ).toEqual(['Alert KubeDeploymentReplicasMismatch is firing']);
    expect(result.summary.symptomSources).toEqual({ 'meaning-section': 3, 'alert-fires': 1 });
  });

  it('rewrites moved, extensionless and wrong-case links, notes the case fix and lists what it could not resolve', () => {
    const mismatch = result.pages.get('runbooks/alert-runbooks/alerts/kube-state-metrics/kube-deployment-replicas-mismatch.md')!;
    expect(mismatch.body).toContain('[the crash loop runbook](./kube-pod-crash-looping.md)');
    expect(result.summary.caseFixes).toEqual([
      {
        file: 'alerts/kube-state-metrics/KubeDeploymentReplicasMismatch.md',
        line: 17,
        url: './kubepodcrashlooping.md',
        target: 'alerts/kube-state-metrics/KubePodCrashLooping.md',
      },
    ]);
    const crash = result.pages.get('runbooks/alert-runbooks/alerts/kube-state-metrics/kube-pod-crash-looping.md')!;
    expect(crash.body).toContain('[etcd leadership](../etcd/etcd-no-leader.md)');
    expect(crash.body).toContain('(../node/node-filesystem-space-filling-up.md#find-what-is-filling-the-disk)');
    expect(result.summary.linksLeft).toEqual([
      { file: 'alerts/etcd/etcdNoLeader.md', line: 21, url: '../node/', reason: 'a folder with no README or index page' },
      {
        file: 'alerts/kube-state-metrics/KubePodCrashLooping.md',
        line: 19,
        url: './KubeContainerWaiting.md',
        reason: 'no such file in the source',
      },
    ]);
    expect(result.summary.linksRewritten).toEqual({ moved: 6, case: 1, extensionless: 1 });
    expect(result.summary.skipped).toEqual([{ path: 'LICENSE', reason: 'licence file, not a page' }]);
  });
});

describe('importing a Hugo site', () => {
  const result = run('hugo');

  it('resolves ref and relref shortcodes, keeps the title and drops Hugo-only keys', () => {
    expect(result.errors).toEqual([]);
    const crash = result.pages.get('runbooks/hugo/kubernetes/kube-pod-crash-looping.md')!;
    expect(crash.data).toMatchObject({ title: 'Kube Pod Crash Looping', alerts: ['KubePodCrashLooping'] });
    expect(crash.data.description).toBe('A container keeps exiting and the kubelet restarts it with growing back-off.');
    expect(crash.body).not.toMatch(/\{\{[<%]/);
    const etcd = result.pages.get('runbooks/hugo/etcd/etcd-no-leader.md')!;
    expect(etcd.body).toContain('[Kube Pod Crash Looping](../kubernetes/kube-pod-crash-looping.md)');
    expect(result.summary.keysDropped).toEqual({ bookCollapseSection: 1, weight: 4 });
    expect(result.summary.syntax).toMatchObject({
      'Hugo ref': 9,
      'shortcode `hint` became a quote': 1,
      'shortcode `notice` became a quote': 1,
    });
  });

  it('reads TOML frontmatter, copies the image a page shows and skips archetypes and the site config', () => {
    const node = result.pages.get('runbooks/hugo/kubernetes/kube-node-not-ready.md')!;
    expect(node.data).toMatchObject({ title: 'Kube Node Not Ready', tags: ['kubernetes', 'nodes'], alerts: ['KubeNodeNotReady'] });
    expect(node.body).toContain('> **Info:**');
    expect(result.summary.files).toEqual([
      { source: 'content/runbooks/kubernetes/images/crashloop.png', contentPath: 'runbooks/hugo/kubernetes/images/crashloop.png' },
    ]);
    expect(result.pages.get('runbooks/hugo/kubernetes/kube-pod-crash-looping.md')!.body).toContain('](./images/crashloop.png)');
    expect(result.summary.skipped).toEqual([
      { path: 'archetypes/default.md', reason: 'template of another site generator, not a page' },
      { path: 'hugo.toml', reason: 'site or build configuration, not a page' },
    ]);
    expect(result.summary.linksLeft.map((link) => link.url)).toEqual(['node/NodeFilesystemSpaceFillingUp.md']);
  });
});

describe('importing one file that documents many alerts', () => {
  it('keeps one page listing every alert, with the Message lines as symptoms', () => {
    const result = run('multi-alert');
    const page = result.pages.get('runbooks/multi-alert/runbook.md')!;
    expect(page.data.alerts).toEqual([
      'KubeAPIDown',
      'KubeletDown',
      'KubeAPIErrorsHigh',
      'KubePersistentVolumeFillingUp',
      'NodeClockNotSynchronising',
    ]);
    expect(page.data.symptoms).toEqual([
      '{{ $labels.job }} has disappeared from Prometheus target discovery.',
      'Kubelet has disappeared from Prometheus target discovery.',
      'API server is returning errors for {{ $value }}% of requests.',
      'The PersistentVolume claimed by {{ $labels.persistentvolumeclaim }} in namespace {{ $labels.namespace }} is only {{ printf "%0.2f" $value }}% free.',
      'Clock on {{ $labels.instance }} is not synchronising.',
    ]);
    expect(result.summary.symptomSources).toEqual({ message: 5 });
    expect(page.body).toContain('[KubeAPIErrorsHigh](#alert-name-kubeapierrorshigh)');
  });
});

describe('importing free-form service runbooks', () => {
  const result = run('service-runbooks');

  it('takes symptoms from Symptoms sections, keeps tags and a review date, and drops the rest', () => {
    const dns = result.pages.get('runbooks/service-runbooks/dns/coredns-servfail.md')!;
    expect(dns.data).toEqual({
      title: 'CoreDNS returns SERVFAIL',
      symptoms: ['Pods log `lookup api.example.com on 10.96.0.10:53: server misbehaving`.'],
      owner: 'sre',
      'last-reviewed': '2025-02-03',
      tags: ['dns', 'coredns', 'kubernetes'],
    });
    expect(result.summary.keysDropped).toEqual({ author: 1, category: 1, date: 1 });
  });

  it('maps GitLab anchors to this site heading ids, links folders to their README and copies linked scripts', () => {
    const lag = result.pages.get('guides/service-runbooks/patroni/replication-lag.md')!;
    expect(lag.body).toContain('#überblick--setup');
    expect(lag.body).not.toContain('[[_TOC_]]');
    expect(result.summary.files.map((file) => file.source)).toEqual(['docs/scripts/flush.sh']);
    expect(result.summary.linksRewritten).toEqual({ anchor: 1, directory: 2, moved: 4 });
    expect(result.summary.linksLeft.map((link) => `${link.file}:${link.line} ${link.url}`)).toEqual([
      'README.md:6 docs/patroni/',
      'README.md:9 docs/scripts/',
    ]);
  });
});

describe('importing an MkDocs site', () => {
  it('turns admonitions into quotes, removes attribute lists and maps explicit ids to this site ids', () => {
    const result = run('mkdocs');
    const disk = result.pages.get('guides/mkdocs/runbooks/disk-full.md')!;
    expect(disk.data).toMatchObject({
      title: 'Disk full on a node',
      description: "A node's root or data filesystem is above 90 % and still growing.",
    });
    expect(disk.body).toContain('> **Data loss:**\n> Never delete files');
    expect(disk.body).toContain('> **Note:**');
    expect(disk.body).toContain('> **Automate it:**');
    expect(disk.body).not.toMatch(/\{:|\{#|!!!|\?\?\?/);
    expect(result.pages.get('guides/mkdocs/index.md')!.body).toContain('(./runbooks/disk-full.md#clean-up)');
    expect(result.summary.linksRewritten.anchor).toBe(2);
    expect(result.summary.skipped).toEqual([{ path: 'mkdocs.yml', reason: 'site or build configuration, not a page' }]);
  });
});

describe('importing a developer-docs site', () => {
  it('maps owner_slack and review keys, resolves /manual/x.html links to the x.html.md source and skips ERB templates', () => {
    const result = run('dev-docs', { owner: undefined });
    expect(result.errors).toEqual([]);
    expect(result.pages.get('guides/dev-docs/restart-app.md')!.data).toEqual({
      title: 'Restart an application',
      owner: 'platform-support',
      'last-reviewed': '2024-09-16',
      'review-every': '6m',
    });
    expect(result.pages.get('guides/dev-docs/restart-app.md')!.body).toContain(
      '[clearing disk space](./alerts/disk-space.md#clearing-space)',
    );
    expect(result.summary.linksLeft.map((link) => link.url)).toEqual(['/manual/missing.html', '/manual/alerts.html']);
    expect(result.summary.skipped).toContainEqual({
      path: 'source/manual/alerts.html.md.erb',
      reason: 'template of another site generator, not a page',
    });
  });
});

describe('importing hostile prose', () => {
  const source = mkdtempSync(join(tmpdir(), 'kb-import-hostile-'));
  temps.push(source);
  cpSync(join(fixtures, 'hostile-prose'), source, { recursive: true });
  symlinkSync('/etc/passwd', join(source, 'runbooks/passwd.md'));
  symlinkSync('.', join(source, 'runbooks/loop'));
  const result = planImport({
    sourceRoot: source,
    projectRoot: process.cwd(),
    config: resolveKbConfig({}),
    into: 'hostile',
    owner: 'sre',
    reviewed: '2026-11-01',
  });
  const text = result.writes.map((write) => (typeof write.data === 'string' ? write.data : '')).join('\n');

  it('never follows symbolic links and never evaluates frontmatter', () => {
    expect(result.errors).toEqual([]);
    expect(result.summary.skipped).toEqual([
      { path: 'runbooks/empty.md', reason: 'empty file' },
      { path: 'runbooks/loop', reason: 'symbolic link, not followed' },
      { path: 'runbooks/passwd.md', reason: 'symbolic link, not followed' },
    ]);
    expect(text).not.toContain('root:x:0');
    expect(result.summary.notes).toEqual([
      'runbooks/yaml-alias-bomb.md:3: unreadable frontmatter YAML: anchor `&a`; its keys were dropped',
      'runbooks/yaml-js-function.md:3: unreadable frontmatter YAML: Unresolved tag: tag:yaml.org,2002:js/function; its keys were dropped',
    ]);
  });

  it('counts dropped keys named after Object.prototype members as keys, and takes nothing from `__proto__`', () => {
    // As plain properties, `constructor` and `toString` found Object.prototype's functions: the
    // summary said `constructor: function Object() { [native code] }1`.
    expect(Object.entries(result.summary.keysDropped)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
      ['hasOwnProperty', 1],
      ['toString', 1],
    ]);
    const page = result.writes.find((write) => write.contentPath === 'guides/hostile/prototype-keys.md')!;
    expect(page.data).toContain('owner: sre\n');
    expect(page.data).not.toContain('attacker');
  });

  it('escapes angle-bracket text and unsafe HTML so they stay visible as text, and drops script links', () => {
    expect(text).toContain('Replace \\<placeholder> with the deployment name');
    expect(text).toContain('\\<script>alert(1)\\</script>');
    expect(text).toContain('\\<img src=x onerror=alert(1)>');
    expect(text).not.toContain('javascript:');
    expect(text).toContain('<https://status.example.com>');
    expect(text).toContain('kubectl -n <your-namespace> scale');
  });

  it('gives every file a safe name and writes plain Markdown only', () => {
    expect(result.writes.map((write) => write.contentPath).sort()).toEqual([
      'guides/hostile/a/b/c/d/e/f/g/h/i/j/deep.md',
      'guides/hostile/bom.md',
      'guides/hostile/crlf.md',
      'guides/hostile/disk-full-unicode.md',
      'guides/hostile/prometheus-wal.md',
      'guides/hostile/prototype-keys.md',
      'guides/hostile/scale-deployment.md',
      'guides/hostile/yaml-alias-bomb.md',
      'guides/hostile/yaml-js-function.md',
    ]);
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\uFEFF');
  });
});

describe('what stops an import', () => {
  it('asks for an owner, a review date outside git, and --force before overwriting', () => {
    expect(run('alert-runbooks', { owner: undefined }).errors).toEqual([
      '7 page(s) name no owner (owner, team, owner_slack, …), e.g. `CONTRIBUTING.md`: pass `--owner TEAM` for the pages that name none',
    ]);
    const outside = mkdtempSync(join(tmpdir(), 'kb-import-nogit-'));
    temps.push(outside);
    cpSync(join(fixtures, 'multi-alert'), outside, { recursive: true });
    const noGit = planImport({
      sourceRoot: outside,
      projectRoot: process.cwd(),
      config: resolveKbConfig({}),
      into: 'x',
      owner: 'sre',
      reviewed: 'git',
    });
    expect(noGit.errors[0]).toMatch(/is not a git checkout.*--reviewed YYYY-MM-DD/);
    expect(run('alert-runbooks', { into: '../..' }).errors).toEqual([
      'Unexpected --into `../..`: expected a folder name such as `kubernetes`',
    ]);
  });
});

describe('alert addresses of a page answering several alerts', () => {
  it('open at the first heading naming the alert as a word of its own', async () => {
    const { alertAnchors } = await import('../../src/lib/health/engine');
    const headings = [
      { depth: 2, text: 'Group Name: "kubernetes-absent"', id: 'group-name-kubernetes-absent', line: 3 },
      { depth: 3, text: 'KubeAPIDown', id: 'kubeapidown', line: 5 },
      { depth: 5, text: 'Alert Name: "KubeAPIErrorsHigh"', id: 'alert-name-kubeapierrorshigh', line: 9 },
    ];
    expect(alertAnchors(['KubeAPIDown', 'KubeAPIErrorsHigh', 'KubeAPI', 'Missing'], { headings })).toEqual({
      KubeAPIDown: 'kubeapidown',
      KubeAPIErrorsHigh: 'alert-name-kubeapierrorshigh',
    });
    expect(alertAnchors(['KubeAPIDown'], { headings })).toEqual({});
  });
});

describe('hostile source pages', () => {
  it('refuses what the content policy would refuse before converting it, and lists why', () => {
    const source = mkdtempSync(join(tmpdir(), 'kb-import-limits-'));
    temps.push(source);
    mkdirSync(join(source, 'docs'));
    writeFileSync(join(source, 'docs/shortcodes.md'), `# Many\n\n${'{{< a "x '.repeat(20_000)}\n`);
    writeFileSync(join(source, 'docs/nested.md'), `# Deep\n\n${'>'.repeat(200)} quote\n`);
    writeFileSync(join(source, 'docs/fine.md'), '# Fine\n\nText with `{{< a "x` in code.\n');
    const result = planImport({
      sourceRoot: source,
      projectRoot: process.cwd(),
      config: resolveKbConfig({}),
      into: 'x',
      owner: 'sre',
      reviewed: '2026-11-01',
    });
    expect(result.summary.skipped).toEqual([
      { path: 'docs/nested.md', reason: 'lists or quotes nested deeper than 32 at line 3 (limits.nestingDepth)' },
      { path: 'docs/shortcodes.md', reason: 'a run of text without a blank line at lines 3–3 is over the limits (limits.blockBytes)' },
    ]);
    expect(result.writes.map((write) => write.contentPath)).toEqual(['guides/x/fine.md']);
  });

  it('rewrites a line of thousands of unclosed shortcodes and attribute lists without backtracking', () => {
    const line = `## x {#${'a.'.repeat(5000)} ${'{{< a "x '.repeat(1500)} {: ${'b'.repeat(5000)}`;
    expect(rewriteForeignSyntax(line, { resolveRef: () => undefined }).text.length).toBeGreaterThan(10_000);
  });
});

describe('alert names from the team’s rules and exclusions', () => {
  it('marks a page named after an alert of --alert-rules as its runbook, in the rule’s spelling, and honours --not-alert', () => {
    const source = mkdtempSync(join(tmpdir(), 'kb-import-rules-'));
    temps.push(source);
    writeFileSync(join(source, 'watchdog.md'), '# Watchdog\n\nAlways firing; if it stops, alerting is broken.\n');
    writeFileSync(join(source, 'TargetDown.md'), '# TargetDown\n\nNotes on scrape targets.\n');
    const plan = (options: Partial<ImportOptions>) =>
      planImport({
        sourceRoot: source,
        projectRoot: process.cwd(),
        config: resolveKbConfig({}),
        into: 'x',
        owner: 'sre',
        reviewed: '2026-11-01',
        ...options,
      }).summary.pages.map((page) => [page.contentPath, page.alerts]);
    expect(plan({})).toEqual([
      ['runbooks/x/target-down.md', ['TargetDown']],
      ['guides/x/watchdog.md', []],
    ]);
    expect(plan({ alertNames: new Set(['Watchdog']), notAlerts: ['TargetDown'] })).toEqual([
      ['guides/x/target-down.md', []],
      ['runbooks/x/watchdog.md', ['Watchdog']],
    ]);
  });
});
