import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/** A size limit checked before anything parses the page: parsers and the build need memory in proportion. */
export default fileRule({
  id: 'page-too-large',
  severity: 'error',
  summary: 'A page larger than `limits.pageBytes` (1 MB by default); it is not parsed or built',
  section: 'policy',
  hackDay: { priority: 1, action: 'Split' },
  refuses: true,
  stage: 'source',
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', 'x'.repeat(1_000_001)) } },
  },
  check({ bytes, limits }) {
    if (bytes <= limits.pageBytes) return [];
    return [
      {
        line: 1,
        message: `Unexpected page of ${formatBytes(bytes)}, expected at most ${formatBytes(limits.pageBytes)}`,
        hint: 'Split it into several pages and link them, or attach long logs as a `.txt` file next to the page',
      },
    ];
  },
});

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} KB`;
}
