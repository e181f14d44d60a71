import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** Symlinks under the content folder are never followed: a loop would hang a tool, and a link out would publish other files. */
export default fileRule({
  id: 'symlink',
  severity: 'error',
  summary: 'A symbolic link under the content folder: it is reported, never followed, and nothing behind it is built',
  section: 'policy',
  hackDay: { priority: 1, action: 'Replace the link' },
  refuses: true,
  stage: 'entry',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A'), 'guides/b.md': { symlink: 'a.md' } } },
  },
  check({ entry }) {
    if (entry.kind !== 'symlink' || !entry.link) return [];
    const { target, escapes, loop } = entry.link;
    const what = loop ? 'that loops back into its own folder' : escapes ? 'that leaves the content folder' : 'inside the content folder';
    return [
      {
        line: 1,
        message: `Unexpected symbolic link \`${entry.contentPath}\` → \`${target}\` ${what}`,
        hint: 'Content is read from real files only: copy the file (or move the folder) instead of linking to it',
      },
    ];
  },
});
