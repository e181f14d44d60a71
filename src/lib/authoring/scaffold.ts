import { slug } from 'github-slugger';
import yaml from 'js-yaml';
import type { KbConfig } from '../shared/config.js';
import { closestMatch } from '../shared/did-you-mean.js';
import { FRONTMATTER_KEYS } from '../content/schema.js';

/** What `npm run new` creates: a runbook (in a service folder), a guide, or a guided path (a guide with steps). */
export const PAGE_KINDS = ['runbook', 'guide', 'path'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface ScaffoldRequest {
  kind: PageKind;
  title: string;
  /** The runbook's service folder; unused for guides. */
  service?: string;
  owner: string;
  /** YYYY-MM-DD written as `last-reviewed`. */
  today: string;
  /** Write `.mdx`; Markdown builds about twice as fast, so `.md` is the default. */
  mdx?: boolean;
}

export interface Scaffold {
  /** Path from the content folder: `runbooks/dns/slow-lookups.md`. */
  contentPath: string;
  text: string;
}

/**
 * One line per section telling the author what belongs there; they replace it. Prompts avoid
 * `<`, `{` and `}`, which MDX would read as code.
 */
const RUNBOOK_PROMPTS: Record<string, string> = {
  Symptoms: 'What the reader sees, more fully than the `symptoms` list: the error text, the alert, the behaviour and where it shows up.',
  Diagnosis: 'How to connect and which commands confirm the problem; then one branch below for each thing the output can show.',
  Resolution: '1. The steps that fix it, numbered, with real commands in fenced code blocks that carry a language tag.',
  Verification: 'How the reader knows it worked: which command, what output, which alert clears and how long to watch.',
  Escalation: 'Who to call, when to stop trying and what evidence to bring, e.g. "page cloud-infra with the instance UUID".',
};
const DIAGNOSIS_BRANCHES = [
  ['If the output shows the usual cause', 'What this output means and what to do next.'],
  ['If it shows something else', 'What that output means and where to go from here.'],
];
const GUIDE_SECTIONS: [string, string][] = [
  ['Overview', 'What this guide explains, who it is for and what they can do after reading it.'],
  ['Steps', '1. The steps, numbered, with real commands in fenced code blocks that carry a language tag.'],
  ['See also', 'Related runbooks and guides, linked by their source file, e.g. `../runbooks/dns/pod-dns-lookups-slow.md`.'],
];
const PATH_FRONTMATTER = [
  '# The story this path serves, and the pages that serve it, in order: source links from this',
  '# file, each with an optional one-line why. `npm run check` fails until there is a step.',
  'goal: "As a …, I want to …"',
  'steps: []',
  '#  - page: ../runbooks/dns/pod-dns-lookups-slow.md',
  '#    why: what the first page you get almost always means',
];
const PATH_PROMPT =
  'A couple of sentences on the goal and who the path is for; then what to keep in mind between the steps. The steps themselves are listed above this text, numbered, with their why.';
const SYMPTOMS_COMMENT = [
  '# What someone sees, pasted verbatim, one entry per line: the error text, the alert name or the',
  '# behaviour, e.g. symptoms: ["curl hangs for about 10 s, then works"]. `npm run check` fails until',
  '# there is at least one.',
];

/** The file name stem for a title, as the site slugs headings: `DNS lookups are slow!` → `dns-lookups-are-slow`. */
export function slugForTitle(title: string): string {
  return slug(title.trim());
}

/** The path and text of a new page, frontmatter and section skeleton included. */
export function scaffoldPage(request: ScaffoldRequest, config: Pick<KbConfig, 'runbookSections'>): Scaffold {
  const name = `${slugForTitle(request.title)}.${request.mdx ? 'mdx' : 'md'}`;
  const runbook = request.kind === 'runbook';
  const contentPath = runbook ? `runbooks/${request.service}/${name}` : `guides/${name}`;
  const path = request.kind === 'path';
  const written = ['title', 'owner', 'last-reviewed', ...(runbook ? ['symptoms'] : []), ...(path ? ['goal', 'steps'] : [])];
  const optional = FRONTMATTER_KEYS.filter((key) => !written.includes(key));
  const frontmatter = [
    '---',
    `title: ${scalar(request.title.trim())}`,
    ...(runbook ? [...SYMPTOMS_COMMENT, 'symptoms: []'] : []),
    ...(path ? PATH_FRONTMATTER : []),
    `owner: ${scalar(request.owner)}`,
    `last-reviewed: ${request.today}`,
    `# Optional keys: ${optional.join(', ')}; the README's frontmatter table explains each.`,
    '---',
  ];
  const sections = runbook
    ? config.runbookSections.flatMap((section) => [
        `## ${section}`,
        RUNBOOK_PROMPTS[section] ?? `What belongs under ${section}.`,
        ...(section === 'Diagnosis' ? DIAGNOSIS_BRANCHES.flatMap(([heading, prompt]) => [`### ${heading}`, prompt]) : []),
      ])
    : path
      ? [PATH_PROMPT]
      : GUIDE_SECTIONS.flat().map((text, index) => (index % 2 === 0 ? `## ${text}` : text));
  return { contentPath, text: `${frontmatter.join('\n')}\n\n${sections.join('\n\n')}\n` };
}

/** The owner a new runbook gets, or why none can be chosen. */
export type OwnerChoice = { owner: string; reason: string } | { problem: string };

/**
 * The team owning most runbooks of `service`, so a new page lands with the people who keep its
 * neighbours true. A tie or an unknown service asks for `--owner` instead of guessing.
 */
export function chooseOwner(service: string, runbooks: { service?: string; owner?: unknown }[]): OwnerChoice {
  const counts = new Map<string, number>();
  for (const page of runbooks) {
    if (page.service === service && typeof page.owner === 'string' && page.owner.trim() !== '')
      counts.set(page.owner, (counts.get(page.owner) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length === 0) {
    const services = new Set(runbooks.map((page) => page.service).filter((name): name is string => name !== undefined));
    const match = closestMatch(service, services);
    return {
      problem: `Cannot find runbooks of service \`${service}\` to take the owner from${match ? `; did you mean \`${match}\`` : ''}`,
    };
  }
  const total = ranked.reduce((sum, [, count]) => sum + count, 0);
  if (ranked.length > 1 && ranked[1][1] === ranked[0][1]) {
    const tied = ranked.filter(([, count]) => count === ranked[0][1]).map(([owner]) => `\`${owner}\``);
    return {
      problem: `Cannot choose an owner for \`${service}\`: ${tied.join(' and ')} each own ${ranked[0][1]} of its ${total} runbooks`,
    };
  }
  return { owner: ranked[0][0], reason: `owns ${ranked[0][1]} of ${total} runbook${total === 1 ? '' : 's'} in \`${service}\`` };
}

/** A YAML scalar for a text, quoted only when YAML needs it (`Disk full: now what` → `'Disk full: now what'`). */
function scalar(text: string): string {
  return yaml.dump(text, { lineWidth: -1 }).trimEnd();
}
