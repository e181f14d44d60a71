/**
 * Operations vocabulary: the words on-call engineers type for what runbooks write differently.
 * Each group is a set of interchangeable terms (single words or phrases); a query term in a group
 * is also searched as the others. Teams add their own in `kb.config.ts` `search.synonyms`.
 *
 * Each alternative is one more search, and a search costs as much as the pages it finds: the
 * groups bridge words a page would not use (geforce → nvidia, going off → firing), not common
 * words that already match most pages (node, pod, slow).
 */
export const BUILT_IN_SYNONYMS: readonly (readonly string[])[] = [
  ['pager', 'alert', 'alerting'],
  ['turn on', 'enable', 'switch on', 'activate'],
  ['turn off', 'disable', 'switch off', 'deactivate'],
  ['going off', 'firing', 'fires', 'fired', 'triggered'],
  ['clearing', 'resolving', 'resolved', 'resolves', 'clears'],
  ['flapping', 'flaps', 'going off and clearing'],
  ['out of space', 'full', 'no space left', 'disk full', 'filling up'],
  ['out of memory', 'oom', 'oomkilled', 'memory limit'],
  ['vm', 'guest', 'instance', 'virtual machine', 'domain'],
  ['geforce', 'nvidia', 'gpu'],
  ['k8s', 'kubernetes', 'kube'],
  ['pg', 'postgres', 'postgresql'],
  ['gone', 'vanished', 'disappeared', 'missing', 'deleted', 'evicted'],
  ['not ready', 'notready', 'unready'],
  ['cant', "can't", 'cannot', 'unable'],
  ['wont', "won't", 'fails to', 'does not'],
  ['crash', 'crashing', 'crashes', 'crashloop', 'crashloopbackoff', 'restarting'],
  ['cert', 'certificate', 'tls', 'ssl'],
  ['lb', 'load balancer', 'ingress'],
  ['conntrack', 'nf_conntrack', 'connection tracking'],
  ['iommu', 'vt-d', 'passthrough', 'vfio'],
  ['tf', 'terraform'],
  ['deploy', 'deployment', 'rollout', 'release'],
  ['expire', 'expires', 'expiring', 'expired', 'expiry', 'expiration'],
  ['restart', 'restarts', 'reboot', 'bounce'],
  ['down', 'unreachable', 'unavailable', 'offline', 'dead', 'died'],
  ['unhealthy', 'degraded', 'failing'],
  ['ram', 'memory', 'mem'],
  ['db', 'database'],
  ['timeout', 'time out', 'timed out', 'timing out', 'times out'],
  ['bad gateway', '502'],
  ['service unavailable', '503'],
  ['gateway timeout', '504'],
  ['permission denied', 'forbidden', 'access denied', 'unauthorized', '403', '401'],
  ['pvc', 'persistent volume', 'volume claim'],
  ['rollback', 'roll back', 'revert'],
  ['upgrade', 'upgraded', 'update', 'updated'],
  ['https', 'tls', 'ssl'],
  ['ntp', 'chrony', 'clock', 'time sync'],
  ['paged', 'paging', 'woken', 'woke'],
  ['ooms', 'oomkill', 'oom killed', 'oom killer'],
];

/** Synonym groups: the built-in ones plus a team's `search.synonyms` (term → its other names). */
export function synonymGroups(extra: Record<string, string[]> = {}): string[][] {
  const groups = BUILT_IN_SYNONYMS.map((group) => [...group]);
  for (const [term, others] of Object.entries(extra))
    groups.push([term, ...others].map((word) => word.toLowerCase().trim()).filter(Boolean));
  return groups;
}
