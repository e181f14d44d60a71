/**
 * Deterministic generator of a realistic knowledge base for benchmarks and tests.
 *
 * `generateCorpus(dir, { pages, seed })` wipes `<dir>/content` and writes runbooks
 * (`content/runbooks/<service>/<slug>.md|mdx`, ~85%) and guides (`content/guides/<slug>.md|mdx`)
 * of 1.5–4 KB each. Every page links to 2–6 others through relative source links (with and without
 * heading anchors), site-absolute links and reference-style links. The link graph is a ring over
 * every published, non-orphan page plus random extra edges, so every page is reachable except the
 * injected orphans, which link out but receive no links and carry no alerts. Exactly `brokenLinks`
 * dangling links are injected (missing page, missing heading anchor, `.md` vs `.mdx` mismatch) and
 * returned with their file and line. Same seed, same options → byte-identical files.
 *
 * On top of those, `syntaxCases` instances of each Markdown construct a line scanner gets wrong
 * (`SYNTAX_CASE_KINDS`: link text or destination wrapped onto the next line, reference definitions
 * inside a blockquote or a list item, a link around an image, a raw `<a>` tag split over two lines,
 * a wrapped link to a missing heading) are injected as broken links, and as many of each decoy
 * (`DECOY_KINDS`: a broken link in an HTML or MDX comment, an indented code block, a fenced block
 * inside a list item or a blockquote, a code span wrapped over two lines, a "definition" that
 * continues a paragraph, an unused definition) are written and returned, but render no link.
 * Their targets are realistic typos: a real page's slug or heading id with one letter changed.
 *
 * It is independent of src/lib on purpose: the benchmark checks the checker against it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import GithubSlugger from 'github-slugger';

export interface GenerateOptions {
  pages: number;
  seed?: number;
  /** Dangling links to inject; default 0.5% of pages (at least 1). */
  brokenLinks?: number;
  /** Pages without inbound links to inject; default 1% of pages (at least 1). */
  orphans?: number;
  /** Share of pages written as `.mdx`; default 0.05. */
  mdxShare?: number;
  /** Share of pages with `status: draft` (never linked); default 0.003. */
  draftShare?: number;
  /**
   * Instances of each syntax case (`SYNTAX_CASE_KINDS`, injected as broken links on top of
   * `brokenLinks`) and of each decoy (`DECOY_KINDS`); default 0.5% of pages (at least 1).
   */
  syntaxCases?: number;
}

/** Broken links written in forms only a real Markdown parse reads right; all are reported. */
export const SYNTAX_CASE_KINDS = [
  /** `[see the\nother page](./x.md)`: reported on the line of `[`. */
  'wrapped-text',
  /** `[see](\n./x.md)`: reported on the line of `[`. */
  'wrapped-destination',
  /** `[text][ref]` with `> [ref]: ./x.md` in a blockquote: reported on the definition's line. */
  'quote-definition',
  /** `[text][ref]` with the definition inside a list item: reported on the definition's line. */
  'list-definition',
  /** `[![alt](./existing.png)](./x.md)`: the image is there, the page is not; reported on the line of `[`. */
  'image-link',
  /** `<a\n  href="./x.md">` in a `.md` page: reported on the line of `<a`. */
  'html-anchor',
  /** `[Heading\nin Title](./real.md#typo)`: a missing heading of an existing page; reported on the line of `[`. */
  'wrapped-anchor',
] as const;
export type SyntaxCaseKind = (typeof SYNTAX_CASE_KINDS)[number];

/** Broken links written where they render no link: the checker must not report them. */
export const DECOY_KINDS = [
  /** `<!-- [old](./x.md) -->` in `.md`, `{/* [old](./x.md) *\/}` in `.mdx`. */
  'html-comment',
  /** Four spaces after a paragraph and a blank line (`.md` only: MDX has no indented code). */
  'indented-code',
  /** A fenced code block indented inside a list item. */
  'list-fence',
  /** A fenced code block inside a blockquote. */
  'quote-fence',
  /** `` `see [x](./x.md)\nmore` ``: a code span wrapped onto a second line. */
  'wrapped-code-span',
  /** `[q]: ./x.md` right after a paragraph line: paragraph text, not a definition. */
  'paragraph-continuation',
  /** A definition nothing references: renders nothing. */
  'unused-definition',
] as const;
export type DecoyKind = (typeof DECOY_KINDS)[number];

/** A broken link written where it renders nothing. */
export interface Decoy {
  /** Path from `dir`. */
  file: string;
  /** 1-based line of the link text. */
  line: number;
  url: string;
  kind: DecoyKind;
}

export interface InjectedBrokenLink {
  /** Path from `dir`: `content/runbooks/dns/x.md`. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  url: string;
  kind: 'missing-page' | 'missing-anchor' | 'extension-mismatch' | SyntaxCaseKind;
}

export interface GeneratedCorpus {
  brokenLinks: InjectedBrokenLink[];
  /** Broken links that render nothing and must not be reported, sorted by file and line. */
  decoys: Decoy[];
  /** Paths from `dir` of the pages nothing links to. */
  orphans: string[];
  /** Paths from `dir` of every generated page, sorted. */
  files: string[];
  drafts: string[];
  /** Paths from `dir` of the non-page files (images), sorted. */
  assets: string[];
  /** Bytes written, pages and assets. */
  bytes: number;
}

/** The "today" the generated review dates are spread around; use it as `--today`. */
export const BENCH_TODAY = '2026-11-28';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast, good enough for test data, identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(count, items.length));
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SERVICES = [
  'dns',
  'storage',
  'kubernetes',
  'postgres',
  'redis',
  'kafka',
  'nginx',
  'haproxy',
  'openstack',
  'ceph',
  'elasticsearch',
  'prometheus',
  'alertmanager',
  'vault',
  'consul',
  'terraform',
  'jenkins',
  'gitlab-runner',
  'rabbitmq',
  'memcached',
  'mysql',
  'etcd',
  'ldap',
  'ntp',
  'backup',
] as const;

const OWNERS = [
  'platform-team',
  'storage-team',
  'network-team',
  'database-team',
  'cloud-infra',
  'sre-core',
  'observability',
  'security-ops',
  'release-eng',
  'messaging-team',
  'identity-team',
  'backup-team',
] as const;

const COMPONENTS = [
  'primary',
  'replica',
  'gateway',
  'scheduler',
  'worker pool',
  'API',
  'proxy',
  'agent',
  'controller',
  'exporter',
  'indexer',
  'cache tier',
  'ingest path',
  'control plane',
  'sidecar',
  'frontend',
  'batch jobs',
  'coordinator',
  'load balancer',
  'metadata store',
] as const;

const CLUSTERS = ['eu-west-1', 'us-east-2', 'ap-south-1', 'the lab', 'staging', 'prod-a', 'prod-b', 'dc2', 'the DR site'] as const;

/** Runbook problems: title template, alert suffix, tags. `{s}` service, `{c}` component. */
const PROBLEMS: ReadonlyArray<{ title: string; alert: string; tags: string[] }> = [
  { title: '{s} {c} latency above the SLO', alert: 'LatencyHigh', tags: ['latency', 'slo'] },
  { title: '{c} on {s} nodes runs out of disk space', alert: 'DiskSpaceLow', tags: ['disk', 'capacity'] },
  { title: '{s} {c} restarts in a crash loop', alert: 'CrashLooping', tags: ['restarts', 'availability'] },
  { title: 'Connections to the {s} {c} time out', alert: 'ConnectTimeouts', tags: ['network', 'timeouts'] },
  { title: '{s} {c} replication lag keeps growing', alert: 'ReplicationLag', tags: ['replication', 'lag'] },
  { title: 'TLS certificate of the {s} {c} is about to expire', alert: 'CertExpiring', tags: ['tls', 'certificates'] },
  { title: '{s} {c} returns 5xx errors after a deploy', alert: 'ErrorRateHigh', tags: ['deploy', 'errors'] },
  { title: 'Memory of the {s} {c} climbs until the OOM killer fires', alert: 'MemoryPressure', tags: ['memory', 'oom'] },
  { title: '{s} {c} backlog is not draining', alert: 'BacklogGrowing', tags: ['queue', 'backlog'] },
  { title: 'Failover of the {s} {c} does not complete', alert: 'FailoverStuck', tags: ['failover', 'ha'] },
  { title: 'Clock drift on {s} {c} hosts', alert: 'ClockSkew', tags: ['ntp', 'time'] },
  { title: '{s} {c} refuses new connections', alert: 'ConnectionsRefused', tags: ['connections', 'limits'] },
  { title: 'Nightly backup of the {s} {c} fails', alert: 'BackupFailed', tags: ['backup', 'cron'] },
  { title: 'Rolling upgrade of the {s} {c} stalls halfway', alert: 'UpgradeStalled', tags: ['upgrade', 'rollout'] },
  { title: 'Health check of the {s} {c} flaps', alert: 'HealthFlapping', tags: ['health-check', 'flapping'] },
  { title: 'Authentication to the {s} {c} fails intermittently', alert: 'AuthFailures', tags: ['auth', 'credentials'] },
  { title: 'High CPU on the {s} {c} after a config change', alert: 'CpuSaturated', tags: ['cpu', 'config'] },
  { title: 'File descriptors exhausted on the {s} {c}', alert: 'FdExhausted', tags: ['limits', 'ulimit'] },
  { title: '{s} {c} cannot reach its upstream', alert: 'UpstreamDown', tags: ['network', 'upstream'] },
  { title: 'Slow requests pile up on the {s} {c}', alert: 'SlowRequests', tags: ['latency', 'saturation'] },
  { title: '{s} {c} loses its leader election', alert: 'LeaderLost', tags: ['consensus', 'leader'] },
  { title: 'Metrics from the {s} {c} stop arriving', alert: 'MetricsAbsent', tags: ['monitoring', 'scrape'] },
];

const GUIDE_TOPICS = [
  'How the {s} {c} fits into the platform',
  'Capacity planning for the {s} {c}',
  'Architecture of the {s} {c}',
  'Upgrading the {s} {c} safely',
  'Onboarding to {s} on-call',
  'Security model of the {s} {c}',
  'Monitoring the {s} {c} and what each dashboard means',
  'Disaster recovery plan for the {s} {c}',
  'Configuration conventions for the {s} {c}',
  'Cost and sizing notes for the {s} {c}',
] as const;

const CONDITIONS = [
  'If only one node is affected',
  'If every node in the cluster is affected',
  'If a recent deploy changed the configuration',
  'If the disk is nearly full',
  'If the process hits its file descriptor limit',
  'If the upstream does not answer',
  'If replication is behind',
  'If the certificate chain is incomplete',
  'If the {c} was restarted recently',
  'If memory grows with every request',
  'If the health check itself is wrong',
  'If a lock is held by a dead session',
  'If DNS resolution is slow',
  'If the queue consumers are stuck',
  'If the network path drops packets',
  'If credentials were rotated',
  'If the clock is off by more than a second',
  'If the error started after a kernel update',
  'If the {c} logs nothing at all',
  'If the load balancer marks the backend down',
] as const;

const ERROR_LINES = [
  '{s}: upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.{n}.{m}.{k}',
  'dial tcp 10.{n}.{m}.{k}:{port}: connect: connection refused',
  'FATAL: remaining connection slots are reserved for non-replication superuser connections',
  'x509: certificate has expired or is not yet valid: current time is after the notAfter date',
  'OOMKilled: container {s}-{cs} exceeded its memory limit of {n}Gi',
  'No space left on device while writing /var/lib/{s}/data/segment-{hex}',
  'accept4() failed (24: Too many open files)',
  'context deadline exceeded after {n}s waiting for {s} {c}',
  'leader changed: lost lease for {s}-{cs} on node-{n}',
  'Back-off restarting failed container {s}-{cs} in pod {s}-{cs}-{hex}',
  'replication slot lag is {n} GB on replica-{k}',
  'read udp 10.{n}.{m}.{k}:{port}->10.{m}.{n}.1:53: i/o timeout',
  'HTTP 503 Service Unavailable from {s} {c} for {n}% of requests',
  'permission denied for user svc-{s} (token expired {n} minutes ago)',
];

const BEHAVIOURS = [
  'requests to the {s} {c} hang for about {n} s, then succeed',
  'dashboards for the {s} {c} show gaps of several minutes',
  'the {s} {c} answers slowly only during the nightly batch window',
  'p99 latency of the {s} {c} jumps while the error rate stays flat',
  'clients see connection resets every few minutes',
  'the {s} {c} restarts roughly every {n} minutes',
  'disk usage on {s} hosts grows by {n} GB an hour',
  'new pods of the {s} {c} never become ready',
  'only the first request after a restart fails',
  'the alert fires and clears again within a few minutes',
];

const SENTENCES = [
  'Start on the host or pod named in the alert; the labels tell you which {c} of {s} is involved.',
  'Most of the time this is not a bug in {s} itself but something the {c} depends on.',
  'Do not restart the {c} before you have captured its logs: the evidence is gone afterwards.',
  'The {s} {c} keeps its state on local disk, so a restart is cheap but not free.',
  'Compare the affected node with a healthy one; the difference is usually visible in a minute.',
  'If several services page at once, the shared dependency is the more likely culprit.',
  'Metrics lag by about one scrape interval, so give a change at least two minutes before judging it.',
  'The {c} logs at INFO by default; raise it to DEBUG only for the duration of the investigation.',
  'Write down what you changed and when, so the incident timeline is easy to rebuild later.',
  'The defaults for {s} were tuned for smaller clusters and are often too low in production.',
  'A rollback is always acceptable when you are unsure; the deploy pipeline keeps the last five releases.',
  'Check whether a maintenance window or a change request explains what you see before digging deeper.',
  'Configuration for the {c} lives in the infrastructure repository, not on the hosts.',
  'Client retries can amplify the problem, so look at the request rate as well as the error rate.',
  'The same symptom on a single host points at hardware or local configuration rather than the service.',
  'Keep the incident channel updated every fifteen minutes, even when nothing has changed.',
  'Nothing here needs elevated rights beyond the on-call role, except where noted.',
  'The {s} team reviews this page after every incident where it was used.',
];

const COMMANDS = [
  'systemctl status {s}-{cs} --no-pager',
  'journalctl -u {s}-{cs} --since "30 min ago" | tail -n 50',
  'kubectl -n {s} get pods -l app={s}-{cs} -o wide',
  'kubectl -n {s} logs deploy/{s}-{cs} --since=15m | grep -iE "error|timeout"',
  'df -h /var/lib/{s}',
  'ss -tanp | grep -c ESTAB',
  'curl -sS -o /dev/null -w "%{time_total}\\n" https://{s}.internal.example.com/healthz',
  'ls /proc/$(pgrep -f {s}-{cs})/fd | wc -l',
  'chronyc tracking',
  'openssl s_client -connect {s}.internal.example.com:443 </dev/null 2>/dev/null | openssl x509 -noout -dates',
  'dig +short {s}.internal.example.com',
  'free -m && vmstat 1 5',
];

const RESOLUTION_STEPS = [
  'Drain the affected node and let the scheduler move the {c} elsewhere.',
  'Roll back to the previous release with the deploy pipeline and watch the error rate.',
  'Raise the limit in the {s} configuration and apply it through configuration management.',
  'Free space by removing old segments; never delete files the {c} still holds open.',
  'Restart the {c} on one node at a time and wait for it to report ready before the next.',
  'Fail over to the standby and open a ticket to rebuild the old primary.',
  'Renew the certificate with the internal CA and reload the {c}; a restart is not needed.',
  'Scale the {c} out by two instances until the backlog is gone, then scale back.',
  'Restore the last known good configuration from the repository and re-run the pipeline.',
  'Rotate the credentials in the vault and restart the clients that cache them.',
];

const GUIDE_SECTIONS = ['Overview', 'How it fits together', 'Day-to-day operation', 'Common pitfalls', 'Further reading'] as const;

const WRONG_ANCHORS = [
  'troubleshooting',
  'rollback',
  'workaround',
  'root-cause',
  'if-the-service-is-down',
  'known-issues',
  'mitigation',
] as const;

// ---------------------------------------------------------------------------------------------
// Page plans

interface Plan {
  index: number;
  collection: 'runbooks' | 'guides';
  /** The runbook's service folder; undefined for guides. */
  service?: string;
  /** The service the page talks about (guides too). */
  topic: string;
  component: string;
  problem?: (typeof PROBLEMS)[number];
  title: string;
  slug: string;
  ext: '.md' | '.mdx';
  /** `runbooks/dns/x.md` */
  contentPath: string;
  url: string;
  owner: string;
  alerts: string[];
  draft: boolean;
  orphan: boolean;
  /** H2/H3 headings in order. */
  headings: { depth: 2 | 3; text: string }[];
  /** Anchors a link may point at. */
  anchors: string[];
  conditions: string[];
  /** Outbound targets (valid links). */
  targets: Plan[];
  broken: BrokenPlan[];
  /** Syntax cases and decoys this page carries. */
  cases: CasePlan[];
}

interface BrokenPlan {
  kind: InjectedBrokenLink['kind'];
  url: string;
  text: string;
}

interface CasePlan {
  kind: SyntaxCaseKind | DecoyKind;
  /** The (broken) destination as written. */
  url: string;
  /** Link text. */
  text: string;
  /** `wrapped-anchor`: the text of the heading the typo'd anchor was meant for. */
  heading?: string;
  /** `image-link`: the image's file name, next to the page. */
  image?: string;
}

/** Kinds that only exist in plain Markdown: raw HTML tags and indented code. */
const MD_ONLY = new Set<string>(['html-anchor', 'indented-code']);
/** A 1×1 transparent PNG: what `image-link` cases show. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const DISPLAY: Record<string, string> = {
  dns: 'DNS',
  mysql: 'MySQL',
  ntp: 'NTP',
  ldap: 'LDAP',
  haproxy: 'HAProxy',
  openstack: 'OpenStack',
  etcd: 'etcd',
  'gitlab-runner': 'GitLab runner',
  elasticsearch: 'Elasticsearch',
  rabbitmq: 'RabbitMQ',
  memcached: 'Memcached',
};
/** A title from a template: capitalised, with a product's own spelling when it comes first. */
function titleCase(text: string, service: string): string {
  return text.startsWith(`${service} `) && DISPLAY[service] ? `${DISPLAY[service]}${text.slice(service.length)}` : cap(text);
}
const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(cap)
    .join('');
const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function fill(template: string, plan: { service?: string; component: string }, rng: Rng): string {
  const s = plan.service ?? 'platform';
  return template
    .replace(/\{s\}/g, s)
    .replace(/\{cs\}/g, slugify(plan.component))
    .replace(/\{c\}/g, plan.component)
    .replace(/\{n\}/g, () => String(rng.int(2, 60)))
    .replace(/\{m\}/g, () => String(rng.int(0, 255)))
    .replace(/\{k\}/g, () => String(rng.int(1, 254)))
    .replace(/\{port\}/g, () => String(rng.pick([443, 5432, 6379, 9092, 8080, 2379, 9200])))
    .replace(/\{hex\}/g, () => rng.int(0x10000, 0xfffff).toString(16));
}

/**
 * `word` with one letter replaced by another, the typo authors make, such that `taken` is false
 * for the result (it names no page, or no heading of the target).
 */
function typo(word: string, rng: Rng, taken: (candidate: string) => boolean): string {
  const letters = [...word].flatMap((char, i) => (/[a-z]/.test(char) && i > 0 ? [i] : []));
  for (let attempt = 0; attempt < 40 && letters.length > 0; attempt += 1) {
    const at = rng.pick(letters);
    const replacement = rng.pick([...'aeiounrstl'].filter((char) => char !== word[at]));
    const candidate = `${word.slice(0, at)}${replacement}${word.slice(at + 1)}`;
    if (!taken(candidate)) return candidate;
  }
  let fallback = `${word}-old`;
  for (let n = 2; taken(fallback); n += 1) fallback = `${word}-old-${n}`;
  return fallback;
}

/** A relative source link from one content path to another, the way authors write them. */
function sourceLink(from: string, to: string, rng: Rng): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < toParts.length - 1 && fromDir[common] === toParts[common]) common += 1;
  const up = fromDir.length - common;
  const rest = toParts.slice(common).join('/');
  if (up === 0) return rng.chance(0.3) ? `./${rest}` : rest;
  return `${'../'.repeat(up)}${rest}`;
}

function dateMinusDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** YAML scalar: plain when safe, double-quoted (JSON is valid YAML) otherwise. */
function yamlScalar(text: string): string {
  const plainSafe = /^[A-Za-z0-9(][^:#"'[\]{}`]*$/.test(text) && !/\s$/.test(text) && !/: |\s#/.test(text);
  return plainSafe ? text : JSON.stringify(text);
}

// ---------------------------------------------------------------------------------------------

/** Writes the corpus under `<dir>/content` (wiped first) and returns what was injected. */
export function generateCorpus(dir: string, options: GenerateOptions): GeneratedCorpus {
  const total = Math.max(0, Math.floor(options.pages));
  const rng = new Rng(options.seed ?? 1);
  const mdxShare = options.mdxShare ?? 0.05;
  const draftCount = Math.floor(total * (options.draftShare ?? 0.003));
  const orphanCount = options.orphans ?? Math.max(1, Math.round(total * 0.01));
  const brokenCount = options.brokenLinks ?? Math.max(1, Math.round(total * 0.005));
  const caseCount = options.syntaxCases ?? Math.max(1, Math.round(total * 0.005));
  if (total < 8) throw new Error('generateCorpus needs at least 8 pages');
  if (orphanCount + draftCount > total - 4)
    throw new Error(`Too many orphans (${orphanCount}) and drafts (${draftCount}) for ${total} pages`);

  // 1. Plans: identity, titles, headings.
  const plans: Plan[] = [];
  const titles = new Set<string>();
  const paths = new Set<string>();
  const alertNames = new Set<string>();
  for (let index = 0; index < total; index += 1) {
    const runbook = rng.chance(0.85);
    const service = rng.pick(SERVICES);
    let component: string = rng.pick(COMPONENTS);
    const problem = runbook ? rng.pick(PROBLEMS) : undefined;
    const template = problem ? problem.title : rng.pick(GUIDE_TOPICS);
    let title = titleCase(fill(template, { service, component }, rng), service);
    for (let attempt = 0; titles.has(title.toLowerCase()); attempt += 1) {
      if (attempt < 12) {
        component = rng.pick(COMPONENTS);
        title = titleCase(fill(template, { service, component }, rng), service);
        if (attempt >= 4) title = `${title} in ${rng.pick(CLUSTERS)}`;
      } else {
        title = `${titleCase(fill(template, { service, component }, rng), service)} in ${rng.pick(CLUSTERS)} (${index})`;
      }
    }
    titles.add(title.toLowerCase());

    const ext: Plan['ext'] = rng.chance(mdxShare) ? '.mdx' : '.md';
    const folder = runbook ? `runbooks/${service}` : 'guides';
    const baseSlug = slugify(title).split('-').slice(0, 9).join('-');
    let slug = baseSlug;
    for (let n = 2; paths.has(`${folder}/${slug}`); n += 1) slug = `${baseSlug}-${n}`;
    paths.add(`${folder}/${slug}`);

    const conditions = rng.sample(CONDITIONS, rng.int(2, 3)).map((text) => fill(text, { service, component }, rng));
    const headings: Plan['headings'] = runbook
      ? [
          { depth: 2, text: 'Symptoms' },
          { depth: 2, text: 'Diagnosis' },
          ...conditions.map((text) => ({ depth: 3 as const, text })),
          { depth: 2, text: 'Resolution' },
          { depth: 2, text: 'Verification' },
          { depth: 2, text: 'Escalation' },
        ]
      : GUIDE_SECTIONS.slice(0, 4).map((text) => ({ depth: 2 as const, text }));
    const slugger = new GithubSlugger();
    const anchors = headings.map((heading) => slugger.slug(heading.text));

    const ownerIndex = SERVICES.indexOf(service) % OWNERS.length;
    plans.push({
      index,
      collection: runbook ? 'runbooks' : 'guides',
      service: runbook ? service : undefined,
      topic: service,
      component,
      problem,
      title,
      slug,
      ext,
      contentPath: `${folder}/${slug}${ext}`,
      url: `/${folder}/${slug}/`,
      owner: rng.chance(0.8) ? OWNERS[ownerIndex] : rng.pick(OWNERS),
      alerts: [],
      draft: false,
      orphan: false,
      headings,
      anchors,
      conditions,
      targets: [],
      broken: [],
      cases: [],
    });
  }

  // 2. Roles: drafts and orphans, never both.
  const order = rng.shuffle(plans.map((_, i) => i));
  for (const i of order.slice(0, draftCount)) plans[i].draft = true;
  for (const i of order.slice(draftCount, draftCount + orphanCount)) plans[i].orphan = true;
  const linkable = plans.filter((plan) => !plan.draft && !plan.orphan);

  // 3. Alerts: ~30% of linkable runbooks, unique names.
  for (const plan of linkable) {
    if (plan.collection !== 'runbooks' || !plan.problem || !rng.chance(0.3)) continue;
    const count = rng.chance(0.2) ? 2 : 1;
    for (let a = 0; a < count; a += 1) {
      const base = `${pascal(plan.service ?? '')}${a === 0 ? pascal(plan.component) : ''}${plan.problem.alert}`;
      let name = base;
      for (let n = 2; alertNames.has(name); n += 1) name = `${base}${n}`;
      alertNames.add(name);
      plan.alerts.push(name);
    }
  }

  // 4. Valid links: a ring over the linkable pages (everything reachable, everyone has an inbound link),
  //    then 1–5 extra targets each, half of them in the same service. Orphans and drafts only link out.
  const ring = rng.shuffle([...linkable]);
  for (let i = 0; i < ring.length; i += 1) ring[i].targets.push(ring[(i + 1) % ring.length]);
  const byService = new Map<string, Plan[]>();
  for (const plan of linkable) {
    const key = plan.service ?? 'guides';
    byService.set(key, [...(byService.get(key) ?? []), plan]);
  }
  for (const plan of plans) {
    const wanted = rng.int(2, 6);
    let guard = 0;
    while (plan.targets.length < wanted && guard < 50) {
      guard += 1;
      const local = byService.get(plan.service ?? 'guides') ?? [];
      const target = rng.chance(0.5) && local.length > 1 ? rng.pick(local) : rng.pick(linkable);
      if (target === plan || plan.targets.includes(target)) continue;
      plan.targets.push(target);
    }
    rng.shuffle(plan.targets);
  }

  // 5. Broken links, spread over distinct published hosts where possible.
  const hosts = rng.shuffle(plans.filter((plan) => !plan.draft));
  const kinds: InjectedBrokenLink['kind'][] = ['missing-page', 'missing-anchor', 'extension-mismatch'];
  const allPaths = new Set(plans.map((plan) => plan.contentPath.replace(/\.mdx?$/, '')));
  const allUrls = new Set(plans.map((plan) => plan.url));
  for (let b = 0; b < brokenCount; b += 1) {
    const host = hosts[b % hosts.length];
    const kind = kinds[b % kinds.length];
    let target = rng.pick(linkable);
    for (let guard = 0; target === host && guard < 20; guard += 1) target = rng.pick(linkable);
    if (kind === 'missing-page') {
      const suffix = rng.pick(['old', 'legacy', 'v1', 'draft', 'archived']);
      let stem = `${target.contentPath.replace(/\.mdx?$/, '')}-${suffix}`;
      for (let n = 2; allPaths.has(stem); n += 1) stem = `${stem}-${n}`;
      if (rng.chance(0.3) && !allUrls.has(`/${stem}/`)) {
        host.broken.push({ kind, url: `/${stem}/`, text: `the old notes on ${target.title.toLowerCase()}` });
      } else {
        host.broken.push({ kind, url: sourceLink(host.contentPath, `${stem}.md`, rng), text: `the previous version of this procedure` });
      }
    } else if (kind === 'missing-anchor') {
      const anchor = rng.pick(WRONG_ANCHORS.filter((candidate) => !target.anchors.includes(candidate)));
      host.broken.push({ kind, url: `${sourceLink(host.contentPath, target.contentPath, rng)}#${anchor}`, text: target.title });
    } else {
      // Prefer an .mdx target linked as .md, the mistake authors actually make.
      const mdx = linkable.filter((plan) => plan.ext === '.mdx' && plan !== host);
      if (mdx.length > 0 && rng.chance(0.8)) target = rng.pick(mdx);
      const swapped = target.ext === '.mdx' ? target.contentPath.replace(/\.mdx$/, '.md') : target.contentPath.replace(/\.md$/, '.mdx');
      host.broken.push({ kind, url: sourceLink(host.contentPath, swapped, rng), text: target.title });
    }
  }

  // 5b. Syntax cases and decoys, round-robin over the kinds so each kind's pages are spread, on
  //     hosts after the ones that took the broken links: most pages carry at most one.
  //     Targets are typos of real pages' slugs (or of a real heading id for `wrapped-anchor`).
  //     Comments alternate between `.mdx` (`{/* … */}`) and `.md` (`<!-- … -->`) pages.
  const caseKinds = [...SYNTAX_CASE_KINDS, ...DECOY_KINDS];
  let cursor = brokenCount;
  const nextHost = (kind: string, ext?: Plan['ext']): Plan => {
    const wanted = MD_ONLY.has(kind) ? '.md' : ext;
    for (let guard = 0; guard < hosts.length; guard += 1) {
      const host = hosts[(cursor + guard) % hosts.length];
      if (wanted && host.ext !== wanted) continue;
      // Skipped hosts stay first in line for the next kind.
      [hosts[(cursor + guard) % hosts.length], hosts[cursor % hosts.length]] = [hosts[cursor % hosts.length], host];
      cursor += 1;
      return host;
    }
    if (ext && !MD_ONLY.has(kind)) return nextHost(kind);
    throw new Error(`No .md page to carry a \`${kind}\` case`);
  };
  const pathTaken = (stem: string) => allPaths.has(stem);
  for (let round = 0; round < caseCount; round += 1) {
    for (const kind of caseKinds) {
      const host = nextHost(kind, kind === 'html-comment' ? (round % 2 === 0 ? '.mdx' : '.md') : undefined);
      let target = rng.pick(linkable);
      for (let guard = 0; target === host && guard < 20; guard += 1) target = rng.pick(linkable);
      if (kind === 'wrapped-anchor') {
        const index = rng.int(0, target.anchors.length - 1);
        const anchor = typo(target.anchors[index], rng, (candidate) => target.anchors.includes(candidate));
        host.cases.push({
          kind,
          url: `${sourceLink(host.contentPath, target.contentPath, rng)}#${anchor}`,
          text: target.title,
          heading: target.headings[index].text,
        });
        continue;
      }
      const folder = target.contentPath.slice(0, target.contentPath.lastIndexOf('/'));
      const stem = `${folder}/${typo(target.slug, rng, (candidate) => pathTaken(`${folder}/${candidate}`))}`;
      const url = sourceLink(host.contentPath, `${stem}${target.ext}`, rng);
      const text = rng.chance(0.6)
        ? target.title
        : rng.pick(['the previous procedure', 'the old runbook', 'the archived notes', 'that page']);
      const item: CasePlan = { kind, url, text };
      if (kind === 'image-link') item.image = `${host.slug}-${rng.pick(['dashboard', 'topology', 'panel', 'overview'])}.png`;
      host.cases.push(item);
    }
  }

  // 6. Dates spread so some pages are stale, some due soon, most fresh.
  // 7. Render and write.
  const contentRoot = join(dir, 'content');
  rmSync(contentRoot, { recursive: true, force: true });
  const injected: InjectedBrokenLink[] = [];
  const decoys: Decoy[] = [];
  const assets: string[] = [];
  let bytes = 0;
  const madeDirs = new Set<string>();
  const write = (file: string, data: string | Buffer) => {
    const path = join(dir, file);
    const folder = dirname(path);
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    writeFileSync(path, data);
    bytes += Buffer.byteLength(data);
  };
  for (const plan of plans) {
    const { text, broken, decoys: pageDecoys } = renderPage(plan, rng);
    const file = `content/${plan.contentPath}`;
    for (const item of broken) injected.push({ file, ...item });
    for (const item of pageDecoys) decoys.push({ file, ...item });
    write(file, text);
    for (const item of plan.cases) {
      if (!item.image) continue;
      const image = `${dirname(file)}/${item.image}`;
      write(image, PNG_1X1);
      assets.push(image);
    }
  }

  // The generated symptoms are drawn from a few dozen phrase templates, so thousands of pages share
  // them; a real knowledge base would not, and the rule's findings would drown the ones measured.
  writeFileSync(
    join(dir, 'kb.config.mjs'),
    "// Generated by scripts/bench/generate.ts: symptoms here reuse phrase templates.\nexport default { rules: { 'duplicate-symptom': 'off' } };\n",
  );

  const byFileLine = (a: { file: string; line: number }, b: { file: string; line: number }) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
  return {
    brokenLinks: injected.sort(byFileLine),
    decoys: decoys.sort(byFileLine),
    orphans: plans
      .filter((plan) => plan.orphan)
      .map((plan) => `content/${plan.contentPath}`)
      .sort(),
    files: plans.map((plan) => `content/${plan.contentPath}`).sort(),
    drafts: plans
      .filter((plan) => plan.draft)
      .map((plan) => `content/${plan.contentPath}`)
      .sort(),
    assets: assets.sort(),
    bytes,
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Block {
  lines: string[];
  /** Broken links on this block's lines: [line index within the block, link]. */
  broken?: Array<[number, BrokenPlan]>;
  /** Decoys on this block's lines: [line index within the block, decoy]. */
  decoys?: Array<[number, CasePlan]>;
  /** May be dropped to keep the page under the size ceiling. */
  optional?: boolean;
  /** Filler paragraphs go before this block at the latest. */
  tail?: boolean;
}

type Placed<Kind> = { line: number; url: string; kind: Kind };

function renderPage(
  plan: Plan,
  rng: Rng,
): { text: string; broken: Array<Placed<InjectedBrokenLink['kind']>>; decoys: Array<Placed<DecoyKind>> } {
  const topic = { service: plan.topic, component: plan.component };
  const f = (template: string) => fill(template, topic, rng);
  const paragraph = (count: number) => rng.sample(SENTENCES, count).map(f).join(' ');

  // Frontmatter
  const front: string[] = ['---', `title: ${yamlScalar(plan.title)}`];
  const description = plan.problem
    ? `What to check when the ${topic.service} ${plan.component} shows this problem, how to fix it and how to confirm the fix.`
    : `Background on the ${topic.service} ${plan.component} for on-call engineers and new team members.`;
  front.push(`description: ${yamlScalar(description)}`);
  if (plan.collection === 'runbooks' || rng.chance(0.3)) {
    front.push('symptoms:');
    const count = rng.int(2, 5);
    const pool = [...rng.sample(ERROR_LINES, 2), ...rng.sample(BEHAVIOURS, 3)];
    for (const symptom of rng.shuffle(pool).slice(0, count)) front.push(`  - ${JSON.stringify(f(symptom))}`);
  }
  if (plan.alerts.length > 0) front.push(`alerts: [${plan.alerts.join(', ')}]`);
  front.push(`owner: ${plan.owner}`);
  const roll = rng.float();
  const age = roll < 0.55 ? rng.int(0, 140) : roll < 0.8 ? rng.int(140, 200) : rng.int(200, 600);
  front.push(`last-reviewed: ${dateMinusDays(BENCH_TODAY, age)}`);
  if (rng.chance(0.25)) front.push(`review-every: ${rng.pick(['90d', '6m', '1y', '12w'])}`);
  const services = plan.service
    ? [
        plan.service,
        ...rng.sample(
          SERVICES.filter((s) => s !== plan.service),
          rng.int(0, 2),
        ),
      ]
    : rng.sample(SERVICES, rng.int(1, 3));
  front.push(`services: [${services.join(', ')}]`);
  const tags = [
    ...new Set([...(plan.problem?.tags ?? ['architecture', 'guide']), slugify(plan.component), ...(rng.chance(0.5) ? ['on-call'] : [])]),
  ];
  front.push(`tags: [${tags.join(', ')}]`);
  front.push(`status: ${plan.draft ? 'draft' : 'active'}`);
  front.push('---');

  // Links: distribute the targets over slots; each renders in one of four forms.
  const refDefinitions: string[] = [];
  const linkTo = (target: Plan): string => {
    const form = rng.float();
    const text = rng.chance(0.7)
      ? target.title
      : rng.pick(['this runbook', 'the related procedure', 'the guide', 'that page', 'the notes there']);
    const anchor = rng.chance(0.5) ? `#${rng.pick(target.anchors)}` : '';
    if (form < 0.42) return `[${text}](${sourceLink(plan.contentPath, target.contentPath, rng)})`;
    if (form < 0.75)
      return `[${text}](${sourceLink(plan.contentPath, target.contentPath, rng)}${anchor || `#${rng.pick(target.anchors)}`})`;
    if (form < 0.87) return `[${text}](${target.url}${anchor})`;
    const ref = `ref-${refDefinitions.length + 1}`;
    refDefinitions.push(`[${ref}]: ${sourceLink(plan.contentPath, target.contentPath, rng)}${anchor}`);
    return `[${text}][${ref}]`;
  };
  const slots = new Map<string, string[]>();
  const slotNames =
    plan.collection === 'runbooks' ? ['intro', 'diagnosis', 'resolution', 'escalation', 'related'] : ['intro', 'body', 'related'];
  for (const target of plan.targets) {
    const slot = rng.pick(slotNames);
    slots.set(slot, [...(slots.get(slot) ?? []), linkTo(target)]);
  }
  const withLinks = (text: string, slot: string): string => {
    const links = slots.get(slot);
    if (!links || slot === 'related') return text;
    const phrases = links.map((link) =>
      rng.pick([
        `See ${link} for the details.`,
        `This is closely related to ${link}.`,
        `Background is in ${link}.`,
        `If that does not match, read ${link}.`,
      ]),
    );
    return `${text} ${phrases.join(' ')}`;
  };

  const blocks: Block[] = [];
  const heading = (depth: number, text: string) => blocks.push({ lines: [`${'#'.repeat(depth)} ${text}`] });
  const code = (lang: string, lines: string[]) => blocks.push({ lines: ['```' + lang, ...lines, '```'] });
  const mdx = plan.ext === '.mdx';
  // MDX pages use the one allow-listed component, imported from the project root (the corpus lives outside it).
  if (mdx) blocks.push({ lines: [`import Callout from '/src/components/Callout.astro';`] });
  const callout = (type: string, lines: string[]) => (mdx ? [`<Callout type="${type}">`, ...lines, '</Callout>'] : lines);

  blocks.push({ lines: [withLinks(paragraph(rng.int(2, 3)), 'intro')] });
  if (plan.collection === 'runbooks') {
    heading(2, 'Symptoms');
    blocks.push({
      lines: rng
        .sample(BEHAVIOURS, rng.int(2, 3))
        .map((b) => `- ${cap(f(b))}.`)
        .concat(`- The log shows \`${f(rng.pick(ERROR_LINES))}\`.`),
    });
    heading(2, 'Diagnosis');
    blocks.push({ lines: [withLinks(paragraph(2), 'diagnosis')] });
    code('sh', rng.sample(COMMANDS, rng.int(2, 3)).map(f));
    plan.conditions.forEach((condition, i) => {
      heading(3, condition);
      blocks.push({ lines: [paragraph(rng.int(1, 2))], optional: i > 0 });
      if (rng.chance(0.4)) code('sh', [f(rng.pick(COMMANDS))]);
    });
    heading(2, 'Resolution');
    blocks.push({ lines: rng.sample(RESOLUTION_STEPS, rng.int(2, 4)).map((step, i) => `${i + 1}. ${f(step)}`) });
    if (rng.chance(0.4))
      code('yaml', [
        `${slugify(topic.service ?? 'service')}:`,
        `  ${slugify(plan.component).replace(/-/g, '_')}:`,
        `    max_connections: ${rng.int(2, 40) * 50}`,
        `    timeout_seconds: ${rng.int(5, 120)}`,
      ]);
    blocks.push({ lines: [withLinks(paragraph(1), 'resolution')], optional: !slots.has('resolution') });
    heading(2, 'Verification');
    code('sh', [f(rng.pick(COMMANDS))]);
    blocks.push({
      lines: [`The alert clears within one evaluation window and the ${topic.service} ${plan.component} reports healthy on every node.`],
    });
    heading(2, 'Escalation');
    blocks[blocks.length - 1].tail = true;
    blocks.push({
      lines: callout('warning', [
        withLinks(
          `If this does not resolve it within 30 minutes, page ${plan.owner} and post in the #ops-${topic.service} channel with what you tried.`,
          'escalation',
        ),
      ]),
    });
  } else {
    heading(2, GUIDE_SECTIONS[0]);
    blocks.push({ lines: [withLinks(paragraph(3), 'body')] });
    heading(2, GUIDE_SECTIONS[1]);
    blocks.push({ lines: [paragraph(3)] });
    code('text', [`clients -> ${topic.service}-${slugify(plan.component)} -> storage`, `          \\-> metrics -> alerting`]);
    heading(2, GUIDE_SECTIONS[2]);
    blocks.push({ lines: [paragraph(2)], optional: true });
    blocks.push({ lines: rng.sample(RESOLUTION_STEPS, 3).map((step) => `- ${f(step)}`) });
    heading(2, GUIDE_SECTIONS[3]);
    blocks[blocks.length - 1].tail = true;
    blocks.push({ lines: callout('note', [paragraph(2)]) });
  }

  // Broken links: one line each, in a "history" note so their lines are unambiguous.
  if (plan.broken.length > 0) {
    const block: Block = { lines: [], broken: [] };
    for (const broken of plan.broken) {
      block.broken!.push([block.lines.length, broken]);
      block.lines.push(`- Earlier notes: [${broken.text}](${broken.url})`);
    }
    blocks.push(block);
  }
  const related = slots.get('related');
  if (related) {
    heading(2, plan.collection === 'runbooks' ? 'Related pages' : GUIDE_SECTIONS[4]);
    blocks.push({ lines: related.map((link) => `- ${link}`) });
  }
  if (refDefinitions.length > 0) blocks.push({ lines: refDefinitions });

  // Syntax cases and decoys: each a block of its own, somewhere in the body before the tail section.
  const tailIndex = () => blocks.findIndex((block) => block.tail);
  const labels = new Set(refDefinitions.map((definition) => definition.slice(1, definition.indexOf(']'))));
  const label = (pool: readonly string[]) => {
    let name = rng.pick(pool);
    for (let n = 2; labels.has(name); n += 1) name = `${rng.pick(pool)}-${n}`;
    labels.add(name);
    return name;
  };
  for (const item of plan.cases) {
    const block = caseBlock(item, mdx, rng, label);
    blocks.splice(rng.int(mdx ? 1 : 0, Math.max(1, tailIndex())), 0, block);
  }

  // Size: 1.5–4 KB. Pad with paragraphs before the tail section, or drop optional blocks.
  const target = rng.int(1550, 3900);
  const sizeOf = () => front.join('\n').length + blocks.reduce((sum, block) => sum + block.lines.join('\n').length + 2, 0);
  for (let guard = 0; sizeOf() < target && guard < 40; guard += 1) {
    const at = rng.int(1, Math.max(1, tailIndex()));
    blocks.splice(at, 0, { lines: [paragraph(rng.int(2, 4))], optional: true });
  }
  while (sizeOf() > 4000) {
    const drop = blocks.findIndex((block) => block.optional);
    if (drop === -1) break;
    blocks.splice(drop, 1);
  }

  // Assemble, recording the file line of each broken link.
  const out = [...front];
  const broken: Array<Placed<InjectedBrokenLink['kind']>> = [];
  const decoys: Array<Placed<DecoyKind>> = [];
  for (const block of blocks) {
    out.push('');
    for (const [offset, item] of block.broken ?? []) broken.push({ line: out.length + offset + 1, url: item.url, kind: item.kind });
    for (const [offset, item] of block.decoys ?? [])
      decoys.push({ line: out.length + offset + 1, url: item.url, kind: item.kind as DecoyKind });
    out.push(...block.lines);
  }
  return { text: `${out.join('\n')}\n`, broken, decoys };
}

/**
 * The block that carries one syntax case or decoy, with the line of its link: for links the line
 * where `[` or `<a` starts, for reference links the line of the definition, for decoys the line
 * the link text is on. `label` hands out reference labels unique on the page.
 */
function caseBlock(item: CasePlan, mdx: boolean, rng: Rng, label: (pool: readonly string[]) => string): Block {
  const { url, text } = item;
  const words = text.split(' ');
  const half = Math.max(1, Math.floor(words.length / 2));
  const [head, tail] = [words.slice(0, half).join(' '), words.slice(half).join(' ') || 'page'];
  const injected = (lines: string[], offset: number): Block => ({
    lines,
    broken: [[offset, { kind: item.kind as SyntaxCaseKind, url, text }]],
  });
  const decoy = (lines: string[], offset: number): Block => ({ lines, decoys: [[offset, item]] });
  switch (item.kind) {
    case 'wrapped-text':
      return injected([`Before you change anything, read [${head}`, `${tail}](${url}) as well.`], 0);
    case 'wrapped-destination':
      return injected([`The procedure this page replaces is [${text}](`, `${url}).`], 0);
    case 'quote-definition': {
      const ref = label(['archived-steps', 'old-procedure', 'previous-version']);
      return injected(
        [
          `The steps were reorganised after an incident review; the earlier wording is in [${text}][${ref}].`,
          '',
          '> Kept for the audit trail:',
          '>',
          `> [${ref}]: ${url}`,
        ],
        4,
      );
    }
    case 'list-definition': {
      const ref = label(['superseded-runbook', 'old-checklist-link', 'legacy-page']);
      return rng.chance(0.5)
        ? injected(
            [
              `Some teams still follow [${text}][${ref}].`,
              '',
              '- Superseded by this page; the old location is kept below.',
              '',
              `  [${ref}]: ${url}`,
            ],
            4,
          )
        : injected([`Some teams still follow [${text}][${ref}].`, '', `- [${ref}]: ${url}`, '- Superseded by this page.'], 2);
    }
    case 'image-link':
      return injected([`The dashboard panel links to its runbook: [![Dashboard panel for ${text}](./${item.image})](${url})`], 0);
    case 'html-anchor':
      return injected([`The old version of this procedure is <a`, `  href="${url}">${text}</a>.`], 0);
    case 'wrapped-anchor':
      return injected([`The checks to run first are under [${item.heading}`, `in ${text}](${url}).`], 0);
    case 'html-comment':
      if (mdx) return decoy([`{/* Kept until the migration is done: [${text}](${url}) */}`], 0);
      return rng.chance(0.5)
        ? decoy([`<!-- Kept until the migration is done: [${text}](${url}) -->`], 0)
        : decoy(['<!--', `Remove after the migration: [${text}](${url})`, '-->'], 1);
    case 'indented-code':
      return decoy(
        ['The note the previous owner left in the wiki reads:', '', `    Superseded, see [${text}](${url}) for the history.`],
        2,
      );
    case 'list-fence':
      return rng.chance(0.5)
        ? decoy(['1. Compare with the snippet the old page used:', '', '   ```md', `   See [${text}](${url}).`, '   ```'], 3)
        : decoy(['- The old page ended with:', '  ```md', `  See [${text}](${url}).`, '  ```'], 2);
    case 'quote-fence':
      return decoy(['> The old page said:', '>', '> ```md', `> See [${text}](${url}).`, '> ```'], 3);
    case 'wrapped-code-span':
      return decoy([`The old wiki told people to paste \`see [${text}](${url})`, 'into the ticket`, which no longer applies.'], 0);
    case 'paragraph-continuation': {
      const ref = label(['old-checklist', 'retired-notes', 'previous-steps']);
      return decoy(['Older revisions of this page pointed to a separate checklist', `[${ref}]: ${url}`], 1);
    }
    case 'unused-definition': {
      const ref = label(['retired-runbook', 'old-wiki-page', 'pre-migration']);
      return decoy([`[${ref}]: ${url}`], 0);
    }
  }
}
