import { findingToString, type Finding } from './findings.js';
import type { HealthReport } from './engine.js';
import { printable } from '../shared/printable.js';

export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Findings grouped by file, one `line:col  severity  message  rule` row each, then a summary line. */
export function formatText(report: HealthReport, options: { colour?: boolean; quiet?: boolean } = {}): string {
  const paint = (code: keyof typeof COLOURS, text: string) => (options.colour ? `${COLOURS[code]}${text}${COLOURS.reset}` : text);
  const out: string[] = [];
  const shown = options.quiet ? report.findings.filter((finding) => finding.severity !== 'info') : report.findings;
  let currentFile = '';
  for (const finding of shown) {
    if (finding.file !== currentFile) {
      if (currentFile !== '') out.push('');
      out.push(paint('bold', printable(finding.file)));
      currentFile = finding.file;
    }
    const position = `${finding.line}:${finding.column}`.padEnd(8);
    out.push(
      `  ${paint('dim', position)}${paint(finding.severity, finding.severity.padEnd(8))}${finding.message}  ${paint('dim', finding.rule)}`,
    );
    if (finding.hint) out.push(`  ${' '.repeat(16)}${paint('dim', `hint: ${finding.hint}`)}`);
  }
  if (shown.length > 0) out.push('');
  for (const note of report.notes) out.push(paint('dim', `note: ${printable(note)}`));
  out.push(summaryLine(report, paint));
  return out.join('\n');
}

/** "12 pages: 1 error, 3 warnings, 2 notices (today 2026-11-28)" */
export function summaryLine(
  report: HealthReport,
  paint: (code: 'error' | 'warning' | 'info', text: string) => string = (_c, t) => t,
): string {
  const { error, warning, info } = report.counts;
  const published = report.pages.filter((page) => page.status !== 'draft').length;
  const parts = [
    paint(error > 0 ? 'error' : 'info', `${error} error${error === 1 ? '' : 's'}`),
    paint(warning > 0 ? 'warning' : 'info', `${warning} warning${warning === 1 ? '' : 's'}`),
    `${info} notice${info === 1 ? '' : 's'}`,
  ];
  return `${published} page${published === 1 ? '' : 's'} checked: ${parts.join(', ')} (today ${report.today})`;
}

/** The whole report as JSON, for other tools. */
export function formatJson(report: HealthReport): string {
  return JSON.stringify(report, null, 2);
}

/**
 * GitHub Actions workflow commands, so findings show on the pull request diff:
 * `::error file=…,line=…,col=…,title=…::message`.
 */
export function formatGithub(report: HealthReport): string {
  const lines = report.findings.map((finding) => githubCommand(finding));
  for (const note of report.notes) lines.push(`::notice::${escapeData(note)}`);
  lines.push(summaryLine(report));
  return lines.join('\n');
}

function githubCommand(finding: Finding): string {
  const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
  const props = `file=${escapeProperty(printable(finding.file))},line=${finding.line},col=${finding.column},title=${escapeProperty(finding.rule)}`;
  const body = finding.hint ? `${finding.message}\n${finding.hint}` : finding.message;
  return `::${level} ${props}::${escapeData(body)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats a report in the requested output format. */
export function formatReport(report: HealthReport, format: OutputFormat, options: { colour?: boolean } = {}): string {
  if (format === 'json') return formatJson(report);
  if (format === 'github') return formatGithub(report);
  return formatText(report, options);
}

export { findingToString };
