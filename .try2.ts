import { setLastReviewed } from './src/lib/review.ts';
const cases = [
  '---\ntitle: A\nlast-reviewed: 2026-01-02 # checked by ops\nowner: x\n---\nbody\n',
  '\uFEFF---\r\ntitle: A\r\nlast-reviewed: "2026-01-02"\r\n---\r\n',
  "---\ntitle: A\n'last-reviewed': '2026-01-02'   # c\n---\n",
  '---\ntitle: A\nowner: b\n---\n',
  '---\ntitle: A\nlast-reviewed:\n---\n',
  '---\ntitle: A\nlast-reviewed: # todo\n---\n',
  '---\ntitle: A\nlast-reviewed:\n  2026-01-01\n---\n',
  '---\ntitle: A\nlast-reviewed: 2026-02-30\n---\n',
  '---\ntitle: [A\n---\n',
  'no frontmatter\n',
];
for (const c of cases) { try { console.log(JSON.stringify(setLastReviewed(c, '2026-11-28'))); } catch (e) { console.log('ERR', (e as any).line, (e as Error).message); } }
