import { printable } from '../shared/printable.js';
import type { ImportSummary, SymptomSource } from './import.js';

const SYMPTOM_WORDING: Record<SymptomSource, string> = {
  frontmatter: 'from the source frontmatter',
  message: 'from *Message* lines',
  'symptoms-section': 'from Symptoms sections',
  'meaning-section': 'from Meaning sections',
  description: 'from the description',
  'alert-fires': '"Alert <Name> is firing" (no text said what is seen)',
};

function counted(record: Record<string, number>): string {
  return Object.entries(record)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, count]) => `${count} ${key}`)
    .join(', ');
}

/** The import summary as text for a terminal: totals first, then every link left and file skipped. */
export function formatImportSummary(summary: ImportSummary, contentDir: string): string {
  const runbooks = summary.pages.filter((page) => page.kind === 'runbook').length;
  const guides = summary.pages.length - runbooks;
  const verb = summary.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${summary.pages.length} page(s) from ${summary.source}: ${runbooks} runbook(s) into ${contentDir}/runbooks/${summary.into}/, ${guides} guide(s) into ${contentDir}/guides/${summary.into}/; ${summary.files.length} linked file(s) copied`,
  ];
  const symptoms = Object.entries(summary.symptomSources) as [SymptomSource, number][];
  if (symptoms.length > 0) lines.push(`Symptoms: ${symptoms.map(([from, count]) => `${count} ${SYMPTOM_WORDING[from]}`).join(', ')}`);
  const rewritten = Object.values(summary.linksRewritten).reduce((sum, count) => sum + count, 0);
  if (rewritten > 0) lines.push(`Links rewritten: ${counted(summary.linksRewritten)}`);
  if (Object.keys(summary.syntax).length > 0) lines.push(`Other generators' syntax: ${counted(summary.syntax)}`);
  if (Object.keys(summary.keysDropped).length > 0)
    lines.push(`Frontmatter keys dropped (no place in the schema): ${counted(summary.keysDropped)}`);
  if (summary.caseFixes.length > 0) {
    lines.push('', `Links written with the wrong case (${summary.caseFixes.length}), pointed at the file that exists:`);
    for (const fix of summary.caseFixes) lines.push(`  ${fix.file}:${fix.line}: \`${fix.url}\` → ${fix.target}`);
  }
  if (summary.linksLeft.length > 0) {
    lines.push('', `Links left as written (${summary.linksLeft.length}); \`npm run check\` reports them as findings:`);
    for (const link of summary.linksLeft) lines.push(`  ${link.file}:${link.line}: \`${link.url}\`: ${link.reason}`);
  }
  if (summary.skipped.length > 0) {
    lines.push('', `Skipped (${summary.skipped.length}):`);
    for (const skip of summary.skipped) lines.push(`  ${skip.path}: ${skip.reason}`);
  }
  if (summary.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of summary.notes) lines.push(`  ${note}`);
  }
  if (summary.overwritten.length > 0)
    lines.push('', `${summary.dryRun ? 'Would overwrite' : 'Overwrote'} ${summary.overwritten.length} existing file(s)`);
  lines.push(
    '',
    summary.dryRun
      ? 'Nothing was written (--dry-run).'
      : 'Next: `npm run check` lists what to fix; `KB_ALLOW_HEALTH_ERRORS=1 npm run build` builds meanwhile.',
  );
  // File names, links and notes come from the repository being imported: no control character reaches the terminal.
  return lines.map(printable).join('\n');
}
