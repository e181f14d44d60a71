import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** Bytes that are not UTF-8 are shown as U+FFFD on the site; say where instead of silently changing the text. */
export default fileRule({
  id: 'invalid-utf8',
  severity: 'error',
  summary: 'A byte sequence that is not UTF-8: the site would show `�` in its place',
  section: 'content',
  hackDay: { priority: 2, action: 'Fix encoding in' },
  stage: 'source',
  examples: {
    ok: { files: { 'guides/a.md': guide('A', 'Café\n') } },
    notOk: { files: { 'guides/a.md': { base64: Buffer.from(guide('A', 'Café, saved as Latin-1\n'), 'latin1').toString('base64') } } },
  },
  check({ invalidUtf8 }) {
    if (!invalidUtf8) return [];
    return [
      {
        line: invalidUtf8.line,
        column: invalidUtf8.column,
        message: 'Unexpected bytes that are not UTF-8, expected UTF-8 text',
        hint: 'Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`); the site would show `�` here',
      },
    ];
  },
});
