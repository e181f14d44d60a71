import { MAX_YAML_BYTES } from '../../shared/yaml.js';
import { fileRule, type FileContext, type RuleHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/**
 * Frontmatter that could cost more to read than a page is worth: YAML anchors and aliases (a few
 * lines of aliases expand to gigabytes), an oversized block, or hundreds of symptoms or alerts.
 */
export default fileRule({
  id: 'yaml-limit',
  severity: 'error',
  summary: `Frontmatter with YAML anchors or aliases, over ${MAX_YAML_BYTES / 1024} KB, or more symptoms or alerts than \`limits.listItems\``,
  section: 'policy',
  hackDay: { priority: 1, action: 'Shorten frontmatter of' },
  refuses: true,
  stage: 'frontmatter',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'runbooks/dns/a.md': runbook('A').replace('symptoms:', 'x: &x [lol]\nsymptoms:') } },
  },
  check(context) {
    const problem = context.frontmatter?.yaml;
    if (problem?.kind === 'alias') {
      return [
        {
          line: problem.line,
          column: problem.column,
          message: `Unexpected YAML ${problem.message} in the frontmatter, expected plain values`,
          hint: 'Write each value out: anchors and aliases are not accepted in frontmatter',
        },
      ];
    }
    if (problem?.kind === 'too-large') {
      return [
        {
          line: 2,
          message: `Unexpected ${problem.message} of frontmatter, expected at most ${MAX_YAML_BYTES / 1024} KB`,
          hint: 'Frontmatter holds a few lines of metadata; move text into the page body',
        },
      ];
    }
    return listLimits(context);
  },
});

function listLimits({ frontmatter, limits }: FileContext): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const key of ['symptoms', 'alerts', 'tags', 'services']) {
    const value = frontmatter?.raw?.[key];
    if (!Array.isArray(value) || value.length <= limits.listItems) continue;
    hits.push({
      line: frontmatter?.keyLines.get(key) ?? 1,
      message: `Unexpected ${value.length} \`${key}\`, expected at most ${limits.listItems}`,
      hint: 'Keep the entries someone would actually see or search for; split the page if it answers several problems',
    });
  }
  return hits;
}
