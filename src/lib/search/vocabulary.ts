/**
 * Operations vocabulary: the words on-call engineers type for what runbooks write differently.
 * Each group is a set of interchangeable terms (single words or phrases); a query term in a group
 * is also searched as the others. Teams add their own in `kb.config.ts` `search.synonyms`.
 *
 * Each alternative is one more search, and a search costs as much as the pages it finds: the
 * groups bridge words a page would not use (geforce → nvidia, going off → firing), not common
 * words that already match most pages (node, pod, slow, time out), and not other forms of one
 * word (expire, expiring, expired), which Pagefind's stemmer already matches. Numbers are left
 * out (`403` matches every indexed number that starts with it: a second on a 5,000-page site).
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
  ['restart', 'reboot'],
  ['ram', 'memory'],
  ['db', 'database'],
  ['pvc', 'persistent volume'],
  ['rollback', 'roll back', 'revert'],
  ['ntp', 'chrony'],
];

/** Synonym groups: the built-in ones plus a team's `search.synonyms` (term → its other names). */
export function synonymGroups(extra: Record<string, string[]> = {}): string[][] {
  const groups = BUILT_IN_SYNONYMS.map((group) => [...group]);
  for (const [term, others] of Object.entries(extra))
    groups.push([term, ...others].map((word) => word.toLowerCase().trim()).filter(Boolean));
  return groups;
}
