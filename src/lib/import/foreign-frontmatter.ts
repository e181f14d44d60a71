import { parse as parseToml } from 'smol-toml';
import { isCalendarDate } from '../shared/dates.js';
import { loadYaml, MAX_YAML_BYTES } from '../shared/yaml.js';

/** A source page's frontmatter block, as read: YAML (`---`) or TOML (`+++`), never evaluated. */
export interface ForeignFrontmatter {
  data: Record<string, unknown>;
  /** The body after the block, and the 1-based line it starts on in the source. */
  body: string;
  bodyLine: number;
  /** Why the block could not be read (its keys are then dropped), with its line in the source. */
  problem?: { message: string; line: number };
}

const YAML_BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const YAML_EMPTY = /^---[ \t]*\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TOML_BLOCK = /^\+\+\+[ \t]*\n([\s\S]*?)\n\+\+\+[ \t]*(?:\n|$)/;

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** Splits and reads the frontmatter of a source page (line endings already `\n`). */
export function readForeignFrontmatter(text: string): ForeignFrontmatter {
  const empty = YAML_EMPTY.exec(text);
  if (empty) return { data: {}, body: text.slice(empty[0].length), bodyLine: lineCount(empty[0]) };
  const yaml = YAML_BLOCK.exec(text);
  const toml = yaml ? undefined : TOML_BLOCK.exec(text);
  const block = yaml ?? toml;
  if (!block) return { data: {}, body: text, bodyLine: 1 };
  const body = text.slice(block[0].length);
  const bodyLine = lineCount(block[0].replace(/\n$/, '')) + 1;
  const problem = (message: string, line = 1): ForeignFrontmatter => ({ data: {}, body, bodyLine, problem: { message, line } });
  if (block[1].length > MAX_YAML_BYTES) return problem(`frontmatter of ${Math.round(block[1].length / 1024)} KB`);
  if (yaml) {
    const loaded = loadYaml(block[1]);
    if ('problem' in loaded) return problem(`frontmatter YAML: ${loaded.problem.message}`, loaded.problem.line + 1);
    if (loaded.value === null || loaded.value === undefined) return { data: {}, body, bodyLine };
    if (typeof loaded.value !== 'object' || Array.isArray(loaded.value)) return problem('frontmatter is not a mapping of keys', 2);
    return { data: loaded.value as Record<string, unknown>, body, bodyLine };
  }
  try {
    return { data: parseToml(block[1]), body, bodyLine };
  } catch (error) {
    const line = (error as { line?: number }).line;
    return problem(`frontmatter TOML: ${(error as Error).message.split('\n')[0]}`, line === undefined ? 1 : line + 1);
  }
}

/** Keys other generators use for the team that owns a page. */
export const OWNER_KEYS = [
  'owner',
  'owners',
  'owner_team',
  'owner-team',
  'owning_team',
  'team',
  'owner_slack',
  'maintainer',
  'maintainers',
];
/** Keys holding a date a person last reviewed the page. */
export const REVIEW_KEYS = [
  'last-reviewed',
  'last_reviewed',
  'last_reviewed_on',
  'last-reviewed-on',
  'reviewed',
  'reviewed_on',
  'last_review',
  'review_date',
];
const INTERVAL_KEYS = ['review-every', 'review_every', 'review_in', 'review_interval'];

/** The first text of a value that is a text or a list of texts. */
function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value.find((item) => typeof item === 'string') : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** What a source page's frontmatter says that this knowledge base keeps, and the keys it drops. */
export interface MappedFrontmatter {
  title?: string;
  description?: string;
  owner?: string;
  lastReviewed?: string;
  reviewEvery?: string;
  tags?: string[];
  alerts?: string[];
  symptoms?: string[];
  draft?: boolean;
  deprecated?: boolean;
  dropped: string[];
}

/** Maps foreign keys (`owner_slack`, `last_reviewed_on`, `review_in: 6 months`, `draft: true`) to this schema. */
export function mapFrontmatter(data: Record<string, unknown>): MappedFrontmatter {
  const used = new Set<string>();
  const take = (keys: string[]): unknown => {
    for (const key of keys) {
      if (data[key] !== undefined) {
        used.add(key);
        return data[key];
      }
    }
    return undefined;
  };
  const mapped: MappedFrontmatter = { dropped: [] };
  mapped.title = oneLine(firstText(take(['title'])));
  mapped.description = oneLine(firstText(take(['description', 'summary'])));
  const owner = firstText(take(OWNER_KEYS))
    ?.replace(/^[#@]+/, '')
    .trim();
  if (owner !== undefined && /[\p{L}\p{N}]/u.test(owner)) mapped.owner = owner;
  const reviewed = take(REVIEW_KEYS);
  const reviewedText =
    reviewed instanceof Date ? reviewed.toISOString().slice(0, 10) : typeof reviewed === 'string' ? reviewed.trim() : undefined;
  if (reviewedText !== undefined && isCalendarDate(reviewedText)) mapped.lastReviewed = reviewedText;
  mapped.reviewEvery = intervalOf(take(INTERVAL_KEYS));
  mapped.tags = textList(take(['tags']))?.filter((tag) => /[\p{L}\p{N}]/u.test(tag));
  mapped.alerts = textList(take(['alerts']))?.filter((alert) => /^[A-Za-z0-9_.:-]+$/.test(alert) && alert !== '.' && alert !== '..');
  mapped.symptoms = textList(take(['symptoms']))
    ?.map((symptom) => oneLine(symptom)!)
    .filter(Boolean);
  const draft = take(['draft']);
  mapped.draft = draft === true || draft === 'true';
  const status = take(['status']);
  mapped.deprecated = status === 'deprecated';
  if (status === 'draft') mapped.draft = true;
  mapped.dropped = Object.keys(data).filter((key) => !used.has(key));
  return mapped;
}

function textList(value: unknown): string[] | undefined {
  const list =
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : undefined;
  const cleaned = list?.map((item) => item.trim()).filter((item) => item !== '');
  return cleaned && cleaned.length > 0 ? cleaned : undefined;
}

function oneLine(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  return line === '' ? undefined : line;
}

const UNITS: Record<string, string> = {
  day: 'd',
  days: 'd',
  d: 'd',
  week: 'w',
  weeks: 'w',
  w: 'w',
  month: 'm',
  months: 'm',
  m: 'm',
  year: 'y',
  years: 'y',
  y: 'y',
};

/** `6 months` → `6m`, `90d` → `90d`, `1 year` → `1y`; undefined for anything else. */
export function intervalOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)\s*([a-z]+)$/i.exec(value.trim());
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  return match && unit && Number(match[1]) > 0 ? `${Number(match[1])}${unit}` : undefined;
}
