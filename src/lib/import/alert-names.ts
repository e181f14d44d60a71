/**
 * Which names are alert names. Alerting rules name alerts in CamelCase (`KubePodCrashLooping`,
 * `etcdNoLeader`, `KubeAPIDown`); repository files named in capitals (README, LICENSE) and
 * product names spelled in CamelCase (GitHub, PostgreSQL) are not alerts.
 */

/**
 * Names never taken for alerts, whatever their spelling; `--not-alert` adds to them. Repository
 * files written in capitals (README, LICENSE) need no entry: an alert name has a lower-case
 * letter. Their other spellings (`Readme.md`) are in `REPOSITORY_FILES`.
 */
export const NOT_ALERT_NAMES: readonly string[] = [
  'GitHub',
  'GitLab',
  'BitBucket',
  'JavaScript',
  'TypeScript',
  'PostgreSQL',
  'MySQL',
  'MariaDB',
  'MongoDB',
  'CouchDB',
  'DynamoDB',
  'InfluxDB',
  'ClickHouse',
  'RabbitMQ',
  'ZooKeeper',
  'HAProxy',
  'OpenShift',
  'OpenStack',
  'OpenSearch',
  'ElasticSearch',
  'PagerDuty',
  'OpsGenie',
  'VictorOps',
  'CloudFlare',
  'CloudWatch',
  'CloudFront',
  'CoreDNS',
  'PowerShell',
  'VirtualBox',
  'NetBox',
  'WordPress',
  'MkDocs',
  'DevOps',
  'GitOps',
  'ArgoCD',
  'LinkedIn',
  'YouTube',
  'MacOS',
  'iOS',
  'IPv4',
  'IPv6',
  'OAuth',
  'GraphQL',
  'NodeJS',
  'OpenTelemetry',
  'OpenAPI',
  'TeamCity',
  'GoLang',
  'BigQuery',
  'LogStash',
  'FileBeat',
  'MetalLB',
  'CockroachDB',
  'TiDB',
];

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;
// Humps of a CamelCase name: an acronym not followed by a lower-case letter, a capitalised word, or a leading lower-case word.
const HUMP = /[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z][a-z0-9]*/g;

/** File names a repository keeps for people, not alerts, in lower case. */
const REPOSITORY_FILES = [
  'readme',
  'contributing',
  'changelog',
  'license',
  'licence',
  'codeowners',
  'security',
  'authors',
  'maintainers',
  'notice',
  'history',
  'faq',
];

/** Names compared case-insensitively against the exclusion list. */
export function notAlertSet(extra: readonly string[] = []): Set<string> {
  return new Set([...REPOSITORY_FILES, ...NOT_ALERT_NAMES, ...extra].map((name) => name.toLowerCase()));
}

/**
 * True for a CamelCase identifier with at least two humps and a lower-case letter:
 * `KubePodCrashLooping`, `etcdNoLeader`, `TargetDown`; not `README`, `Watchdog`, `disk-full`.
 */
export function isAlertStyle(name: string, excluded: Set<string>): boolean {
  if (!IDENTIFIER.test(name) || !/[a-z]/.test(name) || !/[A-Z]/.test(name) || excluded.has(name.toLowerCase())) return false;
  return (name.match(HUMP) ?? []).length >= 2;
}

/** `KubePodCrashLooping` → `kube-pod-crash-looping`: CamelCase humps become words of a file name. */
export function splitHumps(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2');
}

/**
 * The alert a heading names, in the forms runbook collections use: `KubeAPIDown`,
 * `Alert Name: "KubeAPIDown"`, `alertname: KubeAPIDown`, `` `KubeAPIDown` ``.
 */
export function alertInHeading(text: string): string | undefined {
  const trimmed = text.trim();
  const labelled = /^(?:alert\s*name|alertname|alert)\s*[:=]\s*["'`]?([A-Za-z_:][A-Za-z0-9_:]*)["'`]?$/i.exec(trimmed);
  if (labelled) return labelled[1];
  const bare = /^`?([A-Za-z_:][A-Za-z0-9_:]*)`?$/.exec(trimmed);
  return bare?.[1];
}
