import type { ZodIssue } from 'zod';
import type { FrontmatterRead } from '../../content/frontmatter.js';
import { listItemLine } from '../../content/frontmatter-lines.js';
import { didYouMean } from '../../shared/did-you-mean.js';
import { fileRule, type RuleHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

const HINTS: Record<string, string> = {
  title: 'Phrase the title as the problem or task the page answers',
  owner: 'Name the team that keeps this page true, e.g. `owner: platform-team`',
  symptoms: 'List what someone sees: the error text, alert or behaviour, e.g. `symptoms: ["curl hangs for 10 s, then works"]`',
  'review-every': 'Write a number and a unit: `90d`, `6w`, `6m` or `1y`',
  alerts: 'List alert names as they appear in the alerting rules, e.g. `alerts: [DiskSpaceLow]`',
};

/** Frontmatter values of the wrong type, missing required keys, a missing frontmatter block. */
export default fileRule({
  id: 'schema',
  severity: 'error',
  summary: 'Missing frontmatter, a required key missing, or a value of the wrong type (dates, durations, lists, `status`)',
  section: 'content',
  hackDay: { priority: 1, action: 'Fix frontmatter of' },
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'runbooks/dns/a.md': runbook('A'), 'guides/b.md': guide('B') } },
    notOk: { files: { 'runbooks/dns/a.md': runbook('A', undefined, { 'last-reviewed': '2026-02-30', status: 'archived' }) } },
  },
  check: ({ frontmatter, source }) => (frontmatter ? schemaHits(frontmatter, source) : []),
});

/** What the schema says about a file's frontmatter, worded for people; `npm run lint` shows the same. */
export function schemaHits(frontmatter: FrontmatterRead, source: string): RuleHit[] {
  {
    if (frontmatter.yaml) return [];
    if (frontmatter.form?.kind === 'missing') {
      return [
        {
          line: 1,
          message: 'Missing frontmatter',
          hint: 'Start the file with `---`, the keys `title`, `owner` and `last-reviewed`, then `---`; `npm run new` writes a complete one',
        },
      ];
    }
    if (frontmatter.notMapping) return [{ line: 2, message: 'Unexpected frontmatter, expected `key: value` lines' }];
    return frontmatter.issues
      .filter((issue) => issue.code !== 'unrecognized_keys')
      .flatMap((issue) => describeIssue(issue, frontmatter, source));
  }
}

function describeIssue(issue: ZodIssue, frontmatter: FrontmatterRead, source: string): RuleHit[] {
  const raw = frontmatter.raw ?? {};
  const key = String(issue.path[0] ?? '');
  const keyLine = frontmatter.keyLines.get(key);
  const value = raw[key];
  // A missing review date is the `never-reviewed` rule's finding.
  if (key === 'last-reviewed' && value === undefined) return [];
  const item = typeof issue.path[1] === 'number' ? listItemLine(source, keyLine ?? 1, issue.path[1]) : undefined;
  return [
    {
      line: item ?? keyLine ?? 1,
      message: messageFor(issue, key, value),
      hint: HINTS[key] ?? (keyLine === undefined ? `Add \`${key}:\` to the frontmatter` : undefined),
    },
  ];
}

function messageFor(issue: ZodIssue, key: string, value: unknown): string {
  if (issue.message === 'Required') return `Missing required key \`${key}\``;
  if (issue.code === 'invalid_enum_value') {
    const options = issue.options.map(String);
    return `Unexpected \`${key}: ${String(issue.received)}\`, expected one of ${options.map((o) => `\`${o}\``).join(', ')}${didYouMean(String(issue.received), options)}`;
  }
  if (issue.code === 'invalid_type')
    return `Unexpected ${describe(valueAt(value, issue.path))} for \`${key}\`, expected ${expectedFor(issue.expected)}`;
  if (issue.message.startsWith('Expected'))
    return `Unexpected \`${issue.path.join('.')}: ${show(valueAt(value, issue.path))}\`, e${issue.message.slice(1)}`;
  return `\`${issue.path.join('.')}\`: ${issue.message}`;
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const part of path.slice(1)) current = (current as Record<string | number, unknown> | undefined)?.[part];
  return current;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'empty value';
  if (typeof value === 'object') return 'mapping';
  return `\`${show(value)}\``;
}

function expectedFor(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'string') return 'a text';
  return `a ${expected}`;
}
