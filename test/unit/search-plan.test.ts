import { describe, expect, it } from 'vitest';
import { indexAlerts, matchAlerts } from '../../src/lib/search/alert-match';
import { readNotification } from '../../src/lib/search/notifications';
import { identifierParts, planSearch } from '../../src/lib/search/plan';
import { rankResults, termWeight, type FormResults } from '../../src/lib/search/rank';
import { synonymGroups } from '../../src/lib/search/vocabulary';

describe('reading a pasted notification', () => {
  it('finds the alert name in Alertmanager, PagerDuty, Opsgenie and label-set forms, and drops the label values', () => {
    expect(readNotification('[FIRING:1] KubePodCrashLooping (api payments api-7d9f8b6c5-x2k4z kube-state-metrics critical)')).toEqual({
      alerts: ['KubePodCrashLooping'],
      text: 'KubePodCrashLooping',
      ignored: ['(api payments api-7d9f8b6c5-x2k4z kube-state-metrics critical)'],
    });
    const firing = readNotification('Alerts Firing: etcdNoLeader cluster=prod-eu-1 instance=10.0.0.12:2379 job=etcd severity=critical');
    expect(firing.alerts).toEqual(['etcdNoLeader']);
    expect(firing.text).toBe('etcdNoLeader');
    expect(firing.ignored).toEqual(['cluster=prod-eu-1', 'instance=10.0.0.12:2379', 'job=etcd', 'severity=critical']);
    expect(readNotification('[#4711] TRIGGERED: NodeFilesystemSpaceFillingUp on node-12').alerts).toEqual(['NodeFilesystemSpaceFillingUp']);
    expect(readNotification('[Prometheus]: CoreDNSLatencyHigh').alerts).toEqual(['CoreDNSLatencyHigh']);
    expect(readNotification('{alertname="TargetDown", job="kubelet"}').alerts).toEqual(['TargetDown']);
  });

  it('keeps the values of a pasted log line, where they are the error', () => {
    expect(readNotification('level=error msg="compaction failed" err="open /prometheus/wal: too many open files"').text).toBe(
      'error compaction failed open /prometheus/wal: too many open files',
    );
  });

  it('passes plain text through, keeping words such as critical that are not in a notification', () => {
    expect(readNotification('critical section held too long')).toEqual({ alerts: [], text: 'critical section held too long', ignored: [] });
  });
});

describe('planning the searches of one query', () => {
  const groups = synonymGroups({ pgbouncer: ['connection pooler'] });

  it('searches each significant term on its own, in its parts and under its synonyms', () => {
    const plan = planSearch('nf_conntrack: table full, dropping packet', groups);
    expect(plan.text).toBe('nf_conntrack table full dropping packet');
    // All terms at once, without the function words nearly every page holds.
    expect(planSearch('x509: certificate has expired or is not yet valid', groups).whole).toBe('x509 certificate expired not valid');
    const conntrack = plan.concepts.find((concept) => concept.term === 'nf_conntrack')!;
    expect(conntrack.forms.map((form) => [form.query, form.weight, form.fallback ?? false])).toEqual([
      ['nf_conntrack', 1, false],
      ['conntrack', 0.7, false],
      ['connection tracking', 0.7, false],
      ['nf', 0.6, true],
    ]);
    expect(plan.concepts.find((concept) => concept.term === 'full')!.forms.map((form) => form.query)).toContain('out of space');
  });

  it('leaves out the function words of a described problem but keeps the ones that carry an ops meaning', () => {
    const terms = (query: string) => planSearch(query, groups).concepts.map((concept) => concept.term);
    // `over`, `one`, `few`, `lets`, `says` name nothing a page is about and match words that start with them (`overcommit`).
    expect(terms('pods keep restarting over and over after the deploy')).toEqual(['pods', 'restarting', 'deploy']);
    expect(terms('disk will be full in a few hours at this rate')).toEqual(['disk', 'full', 'hours', 'rate']);
    expect(terms('one of the nodes says it has no space')).toEqual(['nodes', 'space']);
    // `not`, `down`, `out` and `never` stay (`not ready`, `node down`, `time out`); vocabulary phrases come first.
    expect(terms('node down and kubelet not ready')).toEqual(['not ready', 'node', 'down', 'kubelet']);
    expect(terms('etcd writes time out')).toEqual(['etcd', 'writes', 'time', 'out']);
    expect(terms('replica never catches up')).toEqual(['replica', 'never', 'catches', 'up']);
  });

  it('finds the synonyms of a word in another inflection than the vocabulary lists', () => {
    const formsOf = (query: string) => planSearch(query, groups).concepts[0].forms.map((form) => form.query);
    // The vocabulary lists `restarting` (with crash) and `restart`: `restarts` is either, typed otherwise.
    expect(formsOf('restarts')).toContain('crashloopbackoff');
    expect(formsOf('certificates')).toEqual(['certificates', 'cert', 'certificate', 'tls', 'ssl']);
    // Short words are not cut: `tls` is not `tl`, `pods` has no group.
    expect(formsOf('pods')).toEqual(['pods']);
  });

  it('reads vocabulary phrases as one term and adds the team synonyms', () => {
    const plan = planSearch('pager keeps going off and clearing by itself', groups);
    expect(plan.concepts.map((concept) => concept.term)).toEqual(['going off', 'pager', 'clearing']);
    expect(plan.concepts[0].forms.map((form) => form.query)).toEqual(['going off', 'firing', 'fires', 'fired', 'triggered']);
    expect(planSearch('pgbouncer refuses clients', groups).concepts[0].forms.map((form) => form.query)).toEqual([
      'pgbouncer',
      'connection pooler',
    ]);
  });

  it('splits identifiers into their words, and names every identifier-like word as an alert candidate', () => {
    expect(identifierParts('KubePodCrashLooping')).toEqual(['kube', 'pod', 'crash', 'looping']);
    expect(identifierParts('node-exporter')).toEqual(['node', 'exporter']);
    expect(identifierParts('disk')).toEqual([]);
    const plan = planSearch('[FIRING:2] KubeAPIDown (prod)', groups);
    expect(plan.notificationAlerts).toEqual(['KubeAPIDown']);
    expect(plan.alertCandidates[0]).toBe('KubeAPIDown');
    expect(plan.concepts.map((concept) => concept.term)).toEqual(['kubeapidown']);
  });

  it('keeps the number of searches bounded for a pasted stack trace', () => {
    const trace = Array.from({ length: 60 }, (_, index) => `frame${index} module${index}.handler failed`).join(' ');
    const plan = planSearch(trace, groups);
    expect(plan.concepts.length).toBeLessThanOrEqual(10);
    expect(plan.concepts.reduce((sum, concept) => sum + concept.forms.length, 0)).toBeLessThanOrEqual(28);
  });
});

describe('ranking the pages several searches found', () => {
  it('ranks by where and how rarely the terms matched, not by how many common words a page holds', () => {
    // `kubepodcrashlooping` is on one page, in its alerts (a high score); `api` and `critical` are everywhere, in bodies.
    const ranked = rankResults(100, [
      { concept: 0, weight: 1, results: [{ id: 'crashloop', score: 30 }] },
      {
        concept: 1,
        weight: 1,
        results: Array.from({ length: 60 }, (_, index) => ({ id: index === 0 ? 'api-down' : `p${index}`, score: index === 0 ? 4 : 2 })),
      },
      {
        concept: 2,
        weight: 1,
        results: Array.from({ length: 50 }, (_, index) => ({ id: index === 0 ? 'api-down' : `q${index}`, score: 3 })),
      },
    ]);
    expect(ranked[0].id).toBe('crashloop');
    expect(ranked[1]).toMatchObject({ id: 'api-down', matched: 2 });
  });

  it('puts a page whose symptoms or alerts hold a term, or whose title names a short query, above an equal match elsewhere', () => {
    const equal = (fields: Record<string, string[] | undefined>) =>
      rankResults(50, [
        { concept: 0, weight: 1, results: Object.entries(fields).map(([id, matchedMetaFields]) => ({ id, score: 12, matchedMetaFields })) },
        { concept: 1, weight: 1, results: Object.keys(fields).map((id) => ({ id, score: 12 })) },
      ]).map((result) => result.id);
    // Same scores: the runbook whose symptom holds the word answers what the reader sees; a guide that merely mentions it does not.
    expect(equal({ guide: undefined, runbook: ['symptoms'] })).toEqual(['runbook', 'guide']);
    expect(equal({ guide: ['description'], 'runbook-b': ['alerts'] })).toEqual(['runbook-b', 'guide']);
    // A title that holds every term of a short query is what it asks for by name; one term in the title is not enough.
    const named = rankResults(50, [
      {
        concept: 0,
        weight: 1,
        results: [
          { id: 'half', score: 12, matchedMetaFields: ['title'] },
          { id: 'named', score: 12, matchedMetaFields: ['title'] },
        ],
      },
      {
        concept: 1,
        weight: 1,
        results: [
          { id: 'half', score: 12 },
          { id: 'named', score: 12, matchedMetaFields: ['title'] },
        ],
      },
    ]);
    expect(named.map((result) => result.id)).toEqual(['named', 'half']);
    expect(named[0].score / named[1].score).toBeGreaterThanOrEqual(1.5);
  });

  it('counts a word in the title or symptoms of few pages as rare there, even when the body of every page holds it', () => {
    // `new runbook format` on a 21-page site: every page mentions `runbook`, so Pagefind scores even
    // the title match low; `format` is in the body of one other page.
    const runbook = (pages?: number): FormResults => ({
      concept: 0,
      weight: 1,
      pages,
      results: [
        { id: 'writing-a-runbook', score: 0.91, matchedMetaFields: ['title', 'description'] },
        ...Array.from({ length: 19 }, (_, index) => ({
          id: `page-${index}`,
          score: 0.3,
          matchedMetaFields: index < 4 ? ['description'] : [],
        })),
      ],
    });
    const format: FormResults = { concept: 1, weight: 1, results: [{ id: 'page-7', score: 3.11 }] };
    expect(rankResults(21, [runbook(), format])[0].id).toBe('writing-a-runbook');
    // A common word searched only with a rarer one: how many titles hold it is not known, and it counts as common.
    expect(rankResults(21, [runbook(20), format])[0].id).toBe('page-7');
    // In a described problem of five terms or more, common words in titles are noise: the rare word of the body decides.
    const filler = [2, 3, 4].map((concept): FormResults => ({ concept, weight: 1, results: [{ id: 'page-9', score: 0.5 }] }));
    expect(rankResults(21, [runbook(), format, ...filler])[0].id).toBe('page-7');
    // A match in the description is not a title match: nothing changes for pages that hold the word only there.
    const described = rankResults(21, [runbook()]).filter((result) => result.id.startsWith('page-'));
    expect(new Set(described.map((result) => result.score)).size).toBe(1);
  });

  it('counts a page once per term, by its best form, and weighs rare terms more', () => {
    const ranked = rankResults(10, [
      { concept: 0, weight: 1, results: [{ id: 'a', score: 6 }] },
      {
        concept: 0,
        weight: 0.6,
        results: [
          { id: 'a', score: 60 },
          { id: 'b', score: 60 },
        ],
      },
    ]);
    // `a` matched both forms of the term; only the better one counts, so it ties with `b`.
    expect(ranked.map((entry) => entry.matched)).toEqual([1, 1]);
    expect(ranked[0].score).toBeCloseTo(ranked[1].score);
    expect(termWeight(1000, 1)).toBeGreaterThan(termWeight(1000, 500));
  });
});

describe('alert names in a query', () => {
  const index = indexAlerts({
    CoreDNSLatencyHigh: { url: '/runbooks/dns/slow/', title: 'DNS slow' },
    KubePodCrashLooping: { url: '/runbooks/k8s/crash/', title: 'Crash loop' },
    KubePodNotReady: { url: '/runbooks/k8s/not-ready/', title: 'Not ready' },
  });

  it('match in any case, and a long name with a typing mistake when only one alert is that close', () => {
    expect(matchAlerts(['corednslatencyhigh'], index).map((match) => [match.alert, match.how])).toEqual([['CoreDNSLatencyHigh', 'case']]);
    expect(matchAlerts(['KubePodCrashLooping'], index)[0].how).toBe('exact');
    expect(matchAlerts(['kubepodcrashloping'], index).map((match) => [match.alert, match.how])).toEqual([['KubePodCrashLooping', 'typo']]);
    expect(matchAlerts(['KubePodCrashLopoing'], index).map((match) => match.alert)).toEqual(['KubePodCrashLooping']);
    expect(matchAlerts(['disk', 'KubePod', 'KubePodNotRed'], index).map((match) => match.alert)).toEqual(['KubePodNotReady']);
  });
});

describe('alert names that differ only in case', () => {
  it('are reported by the checker on both pages, since search matches names in any case', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { runHealthCheck } = await import('../../src/lib/health/run-check');
    const { resolveKbConfig } = await import('../../src/lib/shared/config');
    const root = mkdtempSync(join(tmpdir(), 'kb-alert-case-'));
    mkdirSync(join(root, 'content/runbooks/k8s'), { recursive: true });
    const page = (title: string, alert: string) =>
      `---\ntitle: ${title}\nsymptoms: ["${title} seen"]\nalerts: [${alert}]\nowner: sre\nlast-reviewed: 2026-11-01\n---\n\nText.\n`;
    writeFileSync(join(root, 'content/runbooks/k8s/a.md'), page('A', 'KubeAPIDown'));
    writeFileSync(join(root, 'content/runbooks/k8s/b.md'), page('B', 'KubeApiDown'));
    const { report } = await runHealthCheck({
      root,
      config: resolveKbConfig({}),
      today: new Date(Date.UTC(2026, 10, 28)),
      git: false,
      cache: false,
    });
    rmSync(root, { recursive: true, force: true });
    expect(
      report.findings
        .filter((finding) => finding.rule === 'duplicate-alert')
        .map((finding) => `${finding.file}:${finding.line} ${finding.message}`),
    ).toEqual([
      'content/runbooks/k8s/a.md:4 Unexpected alert `KubeAPIDown`: `KubeApiDown` on `runbooks/k8s/b.md` differs only in case',
      'content/runbooks/k8s/b.md:4 Unexpected alert `KubeApiDown`: `KubeAPIDown` on `runbooks/k8s/a.md` differs only in case',
    ]);
  });
});
