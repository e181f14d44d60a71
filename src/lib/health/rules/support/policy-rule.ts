import type { PolicyViolation } from '../../../content/policy.js';
import { fileRule, type FileRule } from '../../rule.js';
import { guide } from './examples.js';
import { policyHits } from './hits.js';

/**
 * A rule of the MDX content policy (src/lib/content/policy.ts): an error that leaves the page out
 * of the build, listed first on `/health`, found by the policy's one walk of the page. `ok` and
 * `notOk` are the bodies of a guide `guides/a.mdx`.
 */
export function mdxPolicyRule(rule: {
  id: PolicyViolation['rule'];
  summary: string;
  action: string;
  ok: string;
  notOk: string;
  hint: string;
}): FileRule {
  return fileRule({
    id: rule.id,
    severity: 'error',
    summary: rule.summary,
    section: 'policy',
    hackDay: { priority: 0, action: rule.action },
    refuses: true,
    stage: 'body',
    examples: {
      ok: { files: { 'guides/a.mdx': guide('A', rule.ok) } },
      notOk: { files: { 'guides/a.mdx': guide('A', rule.notOk) } },
    },
    check: ({ policy }) => policyHits(policy, rule.id, rule.hint),
  });
}
