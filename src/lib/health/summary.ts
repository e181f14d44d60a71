import type { Finding } from './findings.js';
import { ruleById } from './registry.js';
import { HEALTH_SECTIONS, type HealthSection } from './rule.js';

/** Headings and one-line explanations of the `/health` sections, in page order. */
export const SECTION_TEXT: Record<HealthSection, { heading: string; lead: string }> = {
  policy: { heading: 'Refused or unsafe content', lead: 'Pages the content policy keeps off the site, or parts of pages it removes.' },
  review: { heading: 'Review overdue', lead: 'Pages past their review date, or never reviewed: they may no longer be true.' },
  'due-soon': { heading: 'Review due soon', lead: 'Pages whose review falls due within the window.' },
  links: { heading: 'Broken links', lead: 'Links that lead nowhere on the built site.' },
  orphans: { heading: 'Orphan pages', lead: 'No other page links to these, so readers only find them through search.' },
  alerts: {
    heading: 'Alert coverage',
    lead: 'Alerts in the Prometheus rule files that no runbook answers, runbook links in alerting rules that lead nowhere, and runbooks for alerts that are gone.',
  },
  content: { heading: 'Other findings', lead: 'Frontmatter, duplicates and markup to tidy up.' },
};

/** The `/health` section of a finding, from its rule's declaration. */
export function sectionOf(finding: Finding): HealthSection {
  return ruleById(finding.rule)?.section ?? 'content';
}

/** How many findings fall in each section: the one count that `check`, `/health`, the home page and the report all show. */
export function countSections(findings: Finding[]): Record<HealthSection, number> {
  const counts = Object.fromEntries(HEALTH_SECTIONS.map((section) => [section, 0])) as Record<HealthSection, number>;
  for (const finding of findings) counts[sectionOf(finding)] += 1;
  return counts;
}

/** The findings of each section, in report order. */
export function findingsBySection(findings: Finding[]): Record<HealthSection, Finding[]> {
  const groups = Object.fromEntries(HEALTH_SECTIONS.map((section) => [section, [] as Finding[]])) as Record<HealthSection, Finding[]>;
  for (const finding of findings) groups[sectionOf(finding)].push(finding);
  return groups;
}
