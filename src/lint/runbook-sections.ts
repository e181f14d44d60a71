import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { lintRule } from 'unified-lint-rule';
import { closestMatch } from '../lib/shared/did-you-mean.js';
import { LINT_RULES, ruleMeta } from './ids.js';
import { isRunbook, settingsFor, type LintSettings } from './settings.js';

interface Section {
  heading: Heading;
  text: string;
  /** Position of the section in `runbookSections`. */
  rank: number;
}

/**
 * Runbooks have the H2 sections of `runbookSections` (kb.config.ts), in that order, so an on-call
 * engineer finds Diagnosis or Escalation in the same place on every page. Other H2s may sit
 * between them. Only files under `<contentDir>/runbooks/` are checked.
 *
 * @example ok
 *   ## Symptoms
 *   ## Diagnosis
 *   ## Resolution
 *   ## Background
 *   ## Verification
 *   ## Escalation
 *
 * @example not ok
 *   ## Symptoms
 *   ## Resolution
 *   ## Diagnosis
 *   ## Verfication
 *   ## Escalation
 *
 *   3:1-3:13: Unexpected position of section `## Diagnosis`, expected after `## Symptoms`
 *   4:1-4:15: Unexpected section `## Verfication`, expected `## Verification`
 */
const runbookSections = lintRule<Root, LintSettings>(ruleMeta(LINT_RULES.runbookSections), (tree, file, options) => {
  const settings = settingsFor(options, file);
  if (!isRunbook(file, settings)) return;
  const expected = settings.runbookSections;
  const note = `Runbooks have these sections, in this order: ${expected.map((name) => `\`## ${name}\``).join(', ')} (kb.config.ts \`runbookSections\`)`;
  const report = (reason: string, heading?: Heading, fix?: { actual: string; expected: string }) => {
    const message = file.message(reason, { place: heading?.position, ancestors: heading ? [tree, heading] : undefined });
    message.note = note;
    // `actual` → `expected` inside the heading is what `npm run lint -- --fix` rewrites.
    if (fix) Object.assign(message, { actual: fix.actual, expected: [fix.expected] });
  };

  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 2);
  const written = headings.map((heading) => ({ heading, text: toString(heading).trim() }));
  const found: Section[] = [];
  for (const { heading, text } of written) {
    const rank = expected.indexOf(text);
    if (rank !== -1 && !found.some((section) => section.rank === rank)) found.push({ heading, text, rank });
  }
  // A heading close to a missing name is that section, misspelt: say so, and keep it in the order check.
  expected.forEach((name, rank) => {
    if (found.some((section) => section.rank === rank)) return;
    const unmatched = written.filter(
      (entry) => !expected.includes(entry.text) && !found.some((section) => section.heading === entry.heading),
    );
    const typo = closestMatch(
      name,
      unmatched.map((entry) => entry.text),
    );
    const misnamed = unmatched.find((entry) => entry.text === typo);
    if (!misnamed) return;
    report(`Unexpected section \`## ${misnamed.text}\`, expected \`## ${name}\``, misnamed.heading, {
      actual: misnamed.text,
      expected: name,
    });
    found.push({ ...misnamed, rank });
  });
  found.sort((a, b) => headings.indexOf(a.heading) - headings.indexOf(b.heading));

  const inOrder = longestIncreasingRun(found);
  const after = (rank: number) => inOrder.filter((section) => section.rank < rank).at(-1);
  const before = (rank: number) => inOrder.find((section) => section.rank > rank);

  for (const section of found) {
    if (inOrder.includes(section)) continue;
    const previous = after(section.rank);
    const next = before(section.rank);
    const where = previous ? `after \`## ${previous.text}\`` : `before \`## ${next?.text}\``;
    report(`Unexpected position of section \`## ${section.text}\`, expected ${where}`, section.heading);
  }

  expected.forEach((name, rank) => {
    if (found.some((section) => section.rank === rank)) return;
    const next = before(rank);
    const previous = after(rank);
    if (next) report(`Missing section \`## ${name}\`, expected before \`## ${next.text}\``, next.heading);
    else if (previous) report(`Missing section \`## ${name}\`, expected after \`## ${previous.text}\``, previous.heading);
    else report(`Missing section \`## ${name}\``);
  });
});

/** The longest run of sections, in document order, whose ranks increase: the ones already in place. */
function longestIncreasingRun(sections: Section[]): Section[] {
  const length = sections.map(() => 1);
  const previous = sections.map(() => -1);
  let best = -1;
  for (let i = 0; i < sections.length; i += 1) {
    for (let j = 0; j < i; j += 1) {
      if (sections[j].rank < sections[i].rank && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || length[i] > length[best]) best = i;
  }
  const run: Section[] = [];
  for (let i = best; i !== -1; i = previous[i]) run.unshift(sections[i]);
  return run;
}

export default runbookSections;
