/** Stable ids of the project's remark-lint rules; messages carry them as `runbook-kb:<id>`. */
export const LINT_RULES = {
  runbookSections: 'runbook-sections',
  runbookSymptoms: 'runbook-symptoms',
  mdxPolicy: 'mdx-policy',
  noInternalAbsoluteUrl: 'no-internal-absolute-url',
} as const;

export type LintRuleId = (typeof LINT_RULES)[keyof typeof LINT_RULES];

/** `lintRule` metadata of a rule: its origin and the README section that documents it. */
export function ruleMeta(id: LintRuleId): { origin: string; url: string } {
  return { origin: `runbook-kb:${id}`, url: `README.md#${id}` };
}
