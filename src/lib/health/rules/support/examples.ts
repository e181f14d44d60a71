/**
 * Builders for the rules' documentation examples: each example is a tiny knowledge base, and a
 * test runs every rule on its `ok` and `not ok` examples.
 */
const REVIEWED = '2026-11-01';

function page(frontmatter: Record<string, unknown>, body: string): string {
  const lines = Object.entries(frontmatter).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

/** A valid runbook with `overrides` applied to its frontmatter (`undefined` removes a key). */
export function runbook(title: string, body = '## Symptoms\n\nThe disk is full.\n', overrides: Record<string, unknown> = {}): string {
  return page(clean({ title, symptoms: [`${title} symptom`], owner: 'sre', 'last-reviewed': REVIEWED, ...overrides }), body);
}

/** A valid guide with `overrides` applied to its frontmatter. */
export function guide(title: string, body = 'Some text.\n', overrides: Record<string, unknown> = {}): string {
  return page(clean({ title, owner: 'sre', 'last-reviewed': REVIEWED, ...overrides }), body);
}

function clean(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** An alerting rule of an example rule file. */
export interface ExampleAlert {
  alert: string;
  severity?: string;
  team?: string;
  runbookUrl?: string;
}

/** A Prometheus rule file with one group holding these alerting rules. */
export function alertRuleFile(alerts: ExampleAlert[]): string {
  const rules = alerts.map(({ alert, severity, team, runbookUrl }) => {
    const labels = [severity && `      severity: ${severity}`, team && `      team: ${team}`].filter(Boolean);
    return [
      `  - alert: ${alert}`,
      '    expr: vector(1)',
      ...(labels.length > 0 ? ['    labels:', ...labels] : []),
      ...(runbookUrl ? ['    annotations:', `      runbook_url: ${JSON.stringify(runbookUrl)}`] : []),
    ].join('\n');
  });
  return `groups:\n- name: example\n  rules:\n${rules.join('\n')}\n`;
}
