import type { PolicyViolation } from '../../../content/policy.js';
import type { PageStructure } from '../../../content/structure.js';
import type { RuleHit } from '../../rule.js';

/** The MDX policy's violations of one kind, as findings with the rule's hint. */
export function policyHits(policy: PolicyViolation[] | undefined, rule: PolicyViolation['rule'], hint: string): RuleHit[] {
  return (policy ?? [])
    .filter((violation) => violation.rule === rule)
    .map((violation) => ({ line: violation.line, column: violation.column, message: violation.message, hint }));
}

/** What the raw-HTML sanitiser removed at one severity, as findings with the rule's hint. */
export function htmlRemovalHits(structure: PageStructure | undefined, severity: 'error' | 'warning', hint: string): RuleHit[] {
  return (structure?.htmlRemovals ?? [])
    .filter((removal) => removal.severity === severity)
    .map((removal) => ({ line: removal.line, column: removal.column, message: `Unexpected ${removal.what}: the site removes it`, hint }));
}
