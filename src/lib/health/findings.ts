import type { FindingAlert, Severity } from './rule.js';

export type { Severity };

/** One problem with one place in the knowledge base. */
export interface Finding {
  /** Id of the rule that found it (`src/lib/health/registry.ts`). */
  rule: string;
  severity: Severity;
  /** Path from the project root, with forward slashes. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What is wrong and where, quoting the offending value. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Who it belongs to when the file is not a page (an alerting rule's owner label); otherwise the page's owner. */
  owner?: string;
  /** The alert it is about (alert coverage rules). */
  alert?: FindingAlert;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by file, then position, then severity, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
}

/** Counts findings by severity. */
export function countFindings(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** `file:line:col` followed by the message, the form editors and CI logs link. */
export function findingToString(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message}`;
}
