import { collectionOf, serviceOf } from '../../content/files.js';
import { fileRule } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/** Page files the site would not build where they are, or under their name. */
export default fileRule({
  id: 'misplaced-file',
  severity: 'error',
  summary: 'A page outside `runbooks/<service>/` and `guides/`, or named so the site skips it (`NOTES.MD`, `_draft.md`)',
  section: 'content',
  hackDay: { priority: 2, action: 'Move' },
  stage: 'entry',
  examples: {
    ok: { files: { 'runbooks/dns/slow.md': runbook('Slow'), 'guides/a.md': guide('A') } },
    notOk: { files: { 'runbooks/slow.md': runbook('Slow'), 'guides/NOTES.MD': guide('Notes') } },
  },
  check({ entry, file }) {
    const contentDir = file.slice(0, file.length - entry.contentPath.length - 1);
    const name = entry.contentPath.split('/').pop() ?? '';
    if (entry.kind === 'not-built') {
      return [
        {
          line: 1,
          severity: 'warning',
          message: `Unexpected page name \`${name}\`: the site does not build it`,
          hint: 'Pages end in lower-case `.md` or `.mdx` and do not start with `_` or `.`; rename it, e.g. `notes.md`',
        },
      ];
    }
    if (entry.kind !== 'page') return [];
    const collection = collectionOf(entry.contentPath);
    if (!collection) {
      return [
        {
          line: 1,
          message: `Unexpected page \`${entry.contentPath}\` outside \`runbooks/\` and \`guides/\``,
          hint: `Move it to \`${contentDir}/runbooks/<service>/\` or \`${contentDir}/guides/\`; other folders are not built`,
        },
      ];
    }
    if (collection === 'runbooks' && !serviceOf(entry.contentPath)) {
      return [
        {
          line: 1,
          message: `Unexpected runbook \`${entry.contentPath}\` without a service folder`,
          hint: `Runbooks live in \`${contentDir}/runbooks/<service>/\`, e.g. \`${contentDir}/runbooks/dns/${name}\``,
        },
      ];
    }
    return [];
  },
});
