import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { stringify } from 'yaml';
import { decodeUtf8 } from '../content/decode.js';
import { isPublishedFile } from '../content/files.js';
import { findDeepNesting, findLongBlock } from '../content/limits.js';
import { relativeLink } from '../content/links.js';
import { analyseEntry } from '../health/analyse.js';
import type { PageFacts } from '../health/facts.js';
import { ruleById } from '../health/registry.js';
import { analysisSettings } from '../health/run-check.js';
import type { KbConfig } from '../shared/config.js';
import { isCalendarDate } from '../shared/dates.js';
import { readGitDates } from '../shared/git.js';
import { dirnamePosix } from '../shared/paths.js';
import { countOwn } from '../shared/own.js';
import { nameSlug } from '../shared/slugs.js';
import { alertInHeading, isAlertStyle, notAlertSet, splitHumps } from './alert-names.js';
import { mapFrontmatter, readForeignFrontmatter, type MappedFrontmatter } from './foreign-frontmatter.js';
import { rewriteForeignSyntax } from './foreign-syntax.js';
import { escapeHtmlText, firstSentence, headingsOf, parseMarkdown, sectionsOf, type Section, type SourceHeading } from './page-text.js';
import { listSource, type SourceFile } from './source.js';
import { indexSource, resolveHugoRef, resolveSourceLink, writtenLinks, type SourceIndex } from './source-links.js';

export interface ImportOptions {
  /** Absolute path of the repository to import. */
  sourceRoot: string;
  /** The knowledge base's project folder. */
  projectRoot: string;
  config: KbConfig;
  /** Folder name under `runbooks/` and `guides/` the pages go to (`kubernetes`, `platform/legacy`). */
  into: string;
  /** Owner of pages whose frontmatter names none. */
  owner?: string;
  /** `git` (each file's last commit date) or a `YYYY-MM-DD` for every page. */
  reviewed: string;
  /** Alert names defined by the team's alerting rules (`--alert-rules`). */
  alertNames?: Set<string>;
  /** More names that are never alerts. */
  notAlerts?: string[];
  /** Overwrite pages that already exist. */
  force?: boolean;
}

/** Where a runbook's symptom came from: page text, always; `alert-fires` when no text says what is seen. */
export type SymptomSource = 'frontmatter' | 'message' | 'symptoms-section' | 'meaning-section' | 'description' | 'alert-fires';

export interface ImportedPage {
  source: string;
  contentPath: string;
  kind: 'runbook' | 'guide';
  title: string;
  alerts: string[];
  symptoms: { text: string; from: SymptomSource }[];
}

export interface LeftLink {
  /** Source path and 1-based line of the link in the source file. */
  file: string;
  line: number;
  url: string;
  reason: string;
}

export interface ImportSummary {
  source: string;
  into: string;
  dryRun: boolean;
  pages: ImportedPage[];
  files: { source: string; contentPath: string }[];
  skipped: { path: string; reason: string }[];
  /** Links pointed at their new place, by what had to be fixed (`case`, `extensionless`, `anchor`, …). */
  linksRewritten: Record<string, number>;
  /** Links whose case differed from the file's: git on Linux and the site are case-sensitive. */
  caseFixes: { file: string; line: number; url: string; target: string }[];
  linksLeft: LeftLink[];
  symptomSources: Partial<Record<SymptomSource, number>>;
  /** Source frontmatter keys this schema has no place for → number of pages. */
  keysDropped: Record<string, number>;
  /** Other generators' syntax rewritten or removed → count. */
  syntax: Record<string, number>;
  /** Pages that existed and were replaced (`--force`). */
  overwritten: string[];
  notes: string[];
}

export interface PlannedWrite {
  contentPath: string;
  data: string | Uint8Array;
}

export interface ImportResult {
  summary: ImportSummary;
  writes: PlannedWrite[];
  /** Problems that stop the import before anything is written. */
  errors: string[];
}

/** Largest file copied beside a page. */
const MAX_ASSET_BYTES = 10 * 1024 * 1024;
const INDEX_STEM = /^(?:readme|index|_index)$/i;
const SYMPTOM_SECTIONS = /^(?:symptoms?|signs|what you see|indicators?)$/i;
const MEANING_SECTIONS = /^(?:meaning|description|summary|what it means)$/i;
const ALERT_SECTIONS = /^(?:impact|diagnosis|mitigation|resolution|remediation)$/i;
const MESSAGE_LINE = /^\s*(?:[-+*]\s+)?(?:\*{1,2}|_)(?:message|summary)(?:\*{1,2}|_)\s*:\s*(.+?)\s*$/gim;

interface Draft {
  file: SourceFile;
  contentPath: string;
  kind: 'runbook' | 'guide';
  frontmatter: string;
  body: string;
  headings: SourceHeading[];
  /** Lines of the source above the body's first line (frontmatter, dropped blank lines). */
  sourceOffset: number;
  page: ImportedPage;
  /** Our heading ids by the heading's line in `body`, and foreign anchors → our id. */
  ids?: Set<string>;
  anchors?: Map<string, string>;
}

/**
 * Plans an import: reads the source repository (untrusted: no link is followed, nothing is
 * evaluated), converts every page, rewrites its links, and checks each result with the
 * knowledge base's own file rules. Writes nothing; the caller writes `writes` when `errors` is
 * empty.
 */
export function planImport(options: ImportOptions): ImportResult {
  const { sourceRoot, config } = options;
  const errors: string[] = [];
  const summary: ImportSummary = {
    source: sourceRoot,
    into: options.into,
    dryRun: false,
    pages: [],
    files: [],
    skipped: [],
    linksRewritten: {},
    caseFixes: [],
    linksLeft: [],
    symptomSources: {},
    keysDropped: {},
    syntax: {},
    overwritten: [],
    notes: [],
  };
  const into = intoPath(options.into);
  if (into === undefined)
    return { summary, writes: [], errors: [`Unexpected --into \`${options.into}\`: expected a folder name such as \`kubernetes\``] };
  summary.into = into;
  if (options.reviewed !== 'git' && !isCalendarDate(options.reviewed))
    return {
      summary,
      writes: [],
      errors: [`Unexpected --reviewed \`${options.reviewed}\`: expected \`git\` or a date like \`2026-03-31\``],
    };

  const listing = listSource(sourceRoot);
  for (const dir of listing.skippedDirs)
    summary.skipped.push({ path: `${dir}/`, reason: 'site generator output or theme folder, not pages' });
  const pageFiles = listing.files.filter((file) => file.kind === 'page');
  const index = indexSource(
    pageFiles.map((file) => file.path),
    listing.files.filter((file) => file.kind === 'other').map((file) => file.path),
  );
  const git = options.reviewed === 'git' ? readGitDates(sourceRoot, '.') : undefined;
  const dates = git?.inRepository ? git.dates : undefined;
  if (options.reviewed === 'git' && dates === undefined)
    errors.push(
      `\`${sourceRoot}\` is not a git checkout, so pages have no commit dates for \`last-reviewed\`: pass \`--reviewed YYYY-MM-DD\``,
    );
  for (const file of listing.files) {
    if (file.kind === 'symlink') summary.skipped.push({ path: file.path, reason: 'symbolic link, not followed' });
    if (file.kind === 'template') summary.skipped.push({ path: file.path, reason: 'template of another site generator, not a page' });
  }

  const excluded = notAlertSet(options.notAlerts);
  const ruleNames = new Map([...(options.alertNames ?? [])].map((name) => [name.toLowerCase(), name]));
  const inside = insidePath(
    pageFiles.map((file) => file.path),
    index.roots,
  );
  const taken = new Set<string>();
  const drafts = new Map<string, Draft>();
  const withoutOwner: string[] = [];
  const withoutDate: string[] = [];
  const syntax = new Map<string, number>();
  for (const file of pageFiles) {
    const read = readPage(sourceRoot, file, config);
    if ('reason' in read) {
      summary.skipped.push({ path: file.path, reason: read.reason });
      continue;
    }
    const draft = draftPage(file, read.text, { index, excluded, ruleNames, inside, into, taken, options, dates, syntax, summary });
    if (draft.missing.owner) withoutOwner.push(file.path);
    if (draft.missing.date) withoutDate.push(file.path);
    drafts.set(file.path, draft.draft);
  }
  if (withoutOwner.length > 0)
    errors.push(
      `${withoutOwner.length} page(s) name no owner (owner, team, owner_slack, …), e.g. \`${withoutOwner[0]}\`: pass \`--owner TEAM\` for the pages that name none`,
    );
  if (withoutDate.length > 0 && dates !== undefined)
    errors.push(
      `${withoutDate.length} page(s) have no commit in the source's git history (not committed yet), e.g. \`${withoutDate[0]}\`: commit them, or pass \`--reviewed YYYY-MM-DD\``,
    );
  summary.syntax = Object.fromEntries([...syntax.entries()].sort());

  const settings = analysisSettings(options.projectRoot, config);
  for (const draft of drafts.values()) {
    const facts = analyse(draft, `${draft.frontmatter}${draft.body}`, settings);
    draft.ids = new Set(facts.ids);
    draft.anchors = anchorMap(draft, facts);
  }

  const assets = new Map<string, string>();
  const writes: PlannedWrite[] = [];
  for (const draft of drafts.values()) {
    const body = rewriteLinks(draft, { index, drafts, assets, taken, summary, sourceRoot });
    let text = `${draft.frontmatter}${body}`;
    let facts = analyse(draft, text, settings);
    // Raw HTML the sanitiser would strip attributes from (`onerror=…`) is shown as text instead.
    const offset = lineCount(draft.frontmatter);
    const unsafe = new Set(
      facts.findings
        .filter((finding) => finding.rule === 'unsafe-html' || finding.rule === 'removed-html')
        .map((finding) => finding.line - offset + 1),
    );
    if (unsafe.size > 0) {
      const escaped = escapeHtmlText(body, unsafe);
      text = `${draft.frontmatter}${escaped.text}`;
      syntax.set('HTML shown as text', (syntax.get('HTML shown as text') ?? 0) + escaped.escaped);
      facts = analyse(draft, text, settings);
    }
    if (facts.refused) {
      const refusal = facts.findings.find((finding) => ruleById(finding.rule)?.refuses);
      summary.skipped.push({ path: draft.file.path, reason: `refused by the content policy (${refusal?.rule}: ${refusal?.message})` });
      continue;
    }
    for (const finding of facts.findings.filter((f) => f.severity === 'error' && f.rule !== 'dangling-link'))
      summary.notes.push(`${draft.contentPath}:${finding.line}: ${finding.rule}: ${finding.message}`);
    writes.push({ contentPath: draft.contentPath, data: text });
    summary.pages.push(draft.page);
    for (const symptom of draft.page.symptoms) summary.symptomSources[symptom.from] = (summary.symptomSources[symptom.from] ?? 0) + 1;
  }
  summary.syntax = Object.fromEntries([...syntax.entries()].sort());
  for (const [source, contentPath] of assets) {
    writes.push({ contentPath, data: readFileSync(join(sourceRoot, source)) });
    summary.files.push({ source, contentPath });
  }
  const referenced = new Set(assets.keys());
  for (const file of listing.files) {
    if (file.kind === 'other' && !referenced.has(file.path)) summary.skipped.push({ path: file.path, reason: notPageReason(file.path) });
  }
  summary.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  summary.keysDropped = Object.fromEntries(Object.entries(summary.keysDropped).sort());

  const contentRoot = join(options.projectRoot, config.contentDir);
  const existing = writes.filter((write) => existsSync(join(contentRoot, write.contentPath))).map((write) => write.contentPath);
  if (existing.length > 0 && !options.force)
    errors.push(
      `${existing.length} file(s) already exist under ${config.contentDir}/, e.g. \`${existing[0]}\`: pass \`--force\` to overwrite them, or import into another folder with \`--into\``,
    );
  summary.overwritten = existing;
  return { summary, writes, errors };
}

/** `--into` as safe folder names: `Platform/Legacy` → `platform/legacy`; undefined when nothing is left. */
export function intoPath(into: string): string | undefined {
  const parts = into
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => nameSlug(splitHumps(part)));
  // `--into runbooks/x` names the same place as `--into x`: the collection folder follows each page's kind.
  if (parts[0] === 'runbooks' || parts[0] === 'guides') parts.shift();
  return parts.length === 0 || parts.some((part) => part.startsWith('n-')) ? undefined : parts.join('/');
}

function notPageReason(path: string): string {
  if (
    /(?:^|\/)(?:mkdocs\.ya?ml|hugo\.(?:toml|ya?ml|json)|config\.(?:toml|ya?ml)|_config\.yml|config\.rb|Gemfile(?:\.lock)?|package(?:-lock)?\.json|Makefile|Dockerfile)$/i.test(
      path,
    )
  )
    return 'site or build configuration, not a page';
  if (/(?:^|\/)(?:LICEN[CS]E|COPYING|NOTICE)(?:\.\w+)?$/i.test(path)) return 'licence file, not a page';
  return 'not Markdown, and no imported page links to it';
}

interface ReadPage {
  text: string;
}

/** Reads a source page as text: within the size limit, UTF-8, line endings normalised. */
function readPage(root: string, file: SourceFile, config: KbConfig): ReadPage | { reason: string } {
  if (file.bytes > config.limits.pageBytes) return { reason: `larger than ${config.limits.pageBytes} bytes (limits.pageBytes)` };
  const bytes = readFileSync(join(root, file.path));
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt) return { reason: `not UTF-8 text (line ${decoded.invalidAt.line})` };
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { reason: 'empty file' };
  // What the content policy would refuse is refused before any parse, as the checker does.
  const long = findLongBlock(text, config.limits.blockBytes);
  if (long)
    return { reason: `a run of text without a blank line at lines ${long.line}–${long.endLine} is over the limits (limits.blockBytes)` };
  const deep = findDeepNesting(text, config.limits.nestingDepth);
  if (deep)
    return { reason: `lists or quotes nested deeper than ${config.limits.nestingDepth} at line ${deep.line} (limits.nestingDepth)` };
  return { text };
}

/**
 * A page's path within the import: without the folder every page shares (`content/runbooks/`),
 * or else without the generator's source folder (`content/`, `docs/`, `source/`) most pages sit
 * in, and without a first folder that repeats a collection name (`runbooks/`).
 */
function insidePath(paths: string[], roots: string[]): (path: string) => string {
  const common = commonFolder(paths);
  const main =
    common === '' ? roots.find((root) => paths.filter((path) => path.startsWith(`${root}/`)).length * 2 >= paths.length) : undefined;
  const strip = common !== '' ? common : main !== undefined ? `${main}/` : '';
  return (path) => {
    const inside = path.startsWith(strip) ? path.slice(strip.length) : path;
    return /^(?:runbooks|guides)\/[^/]+\//.test(inside) ? inside.slice(inside.indexOf('/') + 1) : inside;
  };
}

/** The folder every page shares (`content/runbooks/`), left out of the new paths. */
function commonFolder(paths: string[]): string {
  if (paths.length === 0) return '';
  let parts = dirnamePosix(paths[0]).split('/').filter(Boolean);
  for (const path of paths.slice(1)) {
    const other = dirnamePosix(path).split('/');
    let same = 0;
    while (same < parts.length && parts[same] === other[same]) same += 1;
    parts = parts.slice(0, same);
  }
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}

interface DraftContext {
  index: SourceIndex;
  excluded: Set<string>;
  ruleNames: Map<string, string>;
  /** A page's path within the imported tree, without the folders every page or the generator shares. */
  inside(path: string): string;
  into: string;
  taken: Set<string>;
  options: ImportOptions;
  dates?: Map<string, string>;
  syntax: Map<string, number>;
  summary: ImportSummary;
}

function stemOf(path: string): string {
  return path
    .replace(/^.*\//, '')
    .replace(/\.html\.md$|\.(?:md|markdown|mdx|mdown|mkd)$/i, '')
    .replace(/\.html?$/i, '');
}

/** Converts one page: frontmatter mapped, foreign syntax rewritten, title heading dropped, angle-bracket text escaped. */
function draftPage(file: SourceFile, text: string, context: DraftContext) {
  const { options, summary } = context;
  const frontmatter = readForeignFrontmatter(text);
  if (frontmatter.problem)
    summary.notes.push(`${file.path}:${frontmatter.problem.line}: unreadable ${frontmatter.problem.message}; its keys were dropped`);
  const mapped = mapFrontmatter(frontmatter.data);
  for (const key of mapped.dropped) countOwn(summary.keysDropped, key);
  const foreign = rewriteForeignSyntax(frontmatter.body, { resolveRef: (target) => resolveHugoRef(context.index, file.path, target) });
  for (const [kind, count] of foreign.changes) context.syntax.set(kind, (context.syntax.get(kind) ?? 0) + count);
  let body = foreign.text;
  const tree = parseMarkdown(body);
  const sections = sectionsOf(tree);
  const stem = stemOf(file.path);
  const first = tree.children.find((node) => node.type !== 'html');
  const h1 = first?.type === 'heading' && first.depth === 1 ? sections.find((section) => section.heading === first) : undefined;

  const alerts = findAlerts(stem, h1, sections, mapped, context);
  const symptoms = deriveSymptoms(body, sections, alerts, mapped);
  const hasSymptomText = symptoms.some((symptom) => symptom.from !== 'description');
  const kind: 'runbook' | 'guide' = alerts.length > 0 || hasSymptomText ? 'runbook' : 'guide';
  if (kind === 'runbook' && symptoms.length === 0)
    for (const alert of alerts) symptoms.push({ text: `Alert ${alert} is firing`, from: 'alert-fires' });
  const title = mapped.title ?? h1?.text ?? titleFromName(stem, context.inside(file.path));
  // The layout shows the title as the page's heading: a first `#` heading saying the same is dropped (its lines kept blank).
  if (h1 && h1.text.toLowerCase() === title.toLowerCase()) {
    const start = h1.heading.position!.start.offset!;
    const end = h1.heading.position!.end.offset!;
    body = `${body.slice(0, start)}${body.slice(start, end).replace(/[^\n]/g, '')}${body.slice(end)}`;
  }
  const escaped = escapeHtmlText(body);
  if (escaped.escaped > 0)
    context.syntax.set('angle-bracket text escaped', (context.syntax.get('angle-bracket text escaped') ?? 0) + escaped.escaped);
  const leading = /^\n*/.exec(escaped.text)![0].length;
  body = escaped.text.slice(leading);
  const explicitIds = new Map([...foreign.explicitIds].map(([line, id]) => [line - leading, id]));
  const headings = headingsOf(parseMarkdown(body), explicitIds);

  const owner = mapped.owner ?? options.owner;
  const reviewed = mapped.lastReviewed ?? (options.reviewed === 'git' ? context.dates?.get(file.path) : options.reviewed);
  const values: Record<string, unknown> = { title };
  if (mapped.description) values.description = mapped.description;
  if (kind === 'runbook' || symptoms.length > 0) values.symptoms = symptoms.map((symptom) => symptom.text);
  if (alerts.length > 0) values.alerts = alerts;
  values.owner = owner ?? '';
  values['last-reviewed'] = reviewed ?? '';
  if (mapped.reviewEvery) values['review-every'] = mapped.reviewEvery;
  if (mapped.tags) values.tags = mapped.tags;
  if (mapped.draft) values.status = 'draft';
  else if (mapped.deprecated) values.status = 'deprecated';
  const contentPath = destination(file.path, kind, context);
  const page: ImportedPage = { source: file.path, contentPath, kind, title, alerts, symptoms: kind === 'runbook' ? symptoms : [] };
  const draft: Draft = {
    file,
    contentPath,
    kind,
    frontmatter: `---\n${stringify(values, { lineWidth: 0 })}---\n\n`,
    body,
    headings,
    page,
    sourceOffset: frontmatter.bodyLine - 1 + leading,
  };
  return { draft, page, missing: { owner: owner === undefined, date: reviewed === undefined } };
}

/** A title from a file name: `restart-app` → `Restart app`; an index page takes its folder's name. */
function titleFromName(stem: string, path: string): string {
  const name = INDEX_STEM.test(stem) ? dirnamePosix(path).split('/').pop() || stem : stem;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function findAlerts(
  stem: string,
  h1: Section | undefined,
  sections: Section[],
  mapped: MappedFrontmatter,
  context: DraftContext,
): string[] {
  const alerts = [...(mapped.alerts ?? [])];
  const add = (name: string | undefined) => {
    if (name !== undefined && !alerts.includes(name)) alerts.push(name);
  };
  const known = (name: string) => context.ruleNames.get(name.toLowerCase());
  const asAlert = (name: string | undefined) =>
    name === undefined ? undefined : (known(name) ?? (isAlertStyle(name, context.excluded) ? name : undefined));
  if (!INDEX_STEM.test(stem)) add(asAlert(stem));
  if (h1) add(asAlert(alertInHeading(h1.text)));
  // A file documenting several alerts, one heading each.
  const named = sections
    .filter((section) => section.heading.depth >= 2)
    .map((section) => ({ section, alert: asAlert(alertInHeading(section.text)) }))
    .filter((entry): entry is { section: Section; alert: string } => entry.alert !== undefined);
  if (named.length >= 2 || named.some(({ section, alert }) => known(alert) !== undefined || hasMessage(section)))
    for (const { alert } of named) add(alert);
  // An alert runbook named after a one-word alert (`Watchdog.md`, `# Watchdog`, Meaning/Impact/Mitigation sections).
  const texts = sections.map((section) => section.text);
  if (
    alerts.length === 0 &&
    /^[A-Za-z][A-Za-z0-9_]*$/.test(stem) &&
    !context.excluded.has(stem.toLowerCase()) &&
    (h1 === undefined || h1.text === stem) &&
    texts.some((text) => MEANING_SECTIONS.test(text)) &&
    texts.some((text) => ALERT_SECTIONS.test(text))
  )
    add(stem);
  return alerts;
}

function hasMessage(section: Section): boolean {
  return section.blocks.some((block) => block.type === 'list' || block.type === 'paragraph') && messagesIn(section.blocks).length > 0;
}

function messagesIn(blocks: Section['blocks']): string[] {
  const messages: string[] = [];
  for (const block of blocks) {
    if (block.type === 'code' || block.type === 'heading') continue;
    const raw = blockText(block);
    for (const match of raw.matchAll(MESSAGE_LINE)) {
      const value = match[1]
        .replace(/^`+|`+$/g, '')
        .replace(/^"|"$/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (value !== '' && !messages.includes(value)) messages.push(value);
    }
  }
  return messages;
}

/** The Markdown a block was written as, from the tree's own text (kept on the node by `sectionsOf`). */
function blockText(block: Section['blocks'][number]): string {
  return (block as { __source?: string }).__source ?? '';
}

function deriveSymptoms(
  body: string,
  sections: Section[],
  alerts: string[],
  mapped: MappedFrontmatter,
): { text: string; from: SymptomSource }[] {
  const source = (block: Section['blocks'][number]) => {
    (block as { __source?: string }).__source = body.slice(block.position?.start.offset ?? 0, block.position?.end.offset ?? 0);
    return block;
  };
  for (const section of sections) section.blocks.forEach(source);
  const symptoms: { text: string; from: SymptomSource }[] = [];
  const add = (text: string | undefined, from: SymptomSource) => {
    if (text !== undefined && text.trim() !== '' && !symptoms.some((symptom) => symptom.text === text)) symptoms.push({ text, from });
  };
  for (const symptom of mapped.symptoms ?? []) add(symptom, 'frontmatter');
  const perAlert = alerts.length >= 2 ? sections.filter((section) => alerts.includes(alertInHeading(section.text) ?? '')) : [];
  if (perAlert.length >= 2) {
    for (const alert of alerts) {
      const section = perAlert.find((candidate) => alertInHeading(candidate.text) === alert);
      const messages = section ? messagesIn(section.blocks) : [];
      for (const message of messages) add(message, 'message');
      if (messages.length === 0) add(`Alert ${alert} is firing`, 'alert-fires');
    }
    return symptoms;
  }
  const topBlocks = sections.length === 0 ? [] : sections.flatMap((section) => section.blocks);
  for (const message of messagesIn(topBlocks)) add(message, 'message');
  for (const section of sections) if (SYMPTOM_SECTIONS.test(section.text)) add(firstSentence(section.blocks), 'symptoms-section');
  for (const section of sections)
    if (MEANING_SECTIONS.test(section.text) && section.heading.depth >= 2) add(firstSentence(section.blocks), 'meaning-section');
  if (symptoms.length === 0 && mapped.description) add(mapped.description, 'description');
  return symptoms;
}

/** `runbooks/<into>/<folders>/<name>.md`: every segment a safe name, `README`/`_index` as the folder's index. */
function destination(path: string, kind: 'runbook' | 'guide', context: DraftContext): string {
  const inside = context.inside(path);
  const folders = dirnamePosix(inside)
    .split('/')
    .filter(Boolean)
    .map((part) => nameSlug(splitHumps(part)));
  const stem = stemOf(inside);
  const name = INDEX_STEM.test(stem) ? 'index' : nameSlug(splitHumps(stem));
  const base = [kind === 'runbook' ? 'runbooks' : 'guides', context.into, ...folders].join('/');
  return uniquePath(`${base}/${name}`, '.md', context.taken);
}

function uniquePath(stem: string, extension: string, taken: Set<string>): string {
  let candidate = `${stem}${extension}`;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function analyse(draft: Draft, text: string, settings: ReturnType<typeof analysisSettings>): PageFacts {
  return analyseEntry({ contentPath: draft.contentPath, kind: 'page' }, new TextEncoder().encode(text), settings);
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** Foreign anchors (GitHub, MkDocs, explicit ids) of a page → this site's heading ids, matched by line. */
function anchorMap(draft: Draft, facts: PageFacts): Map<string, string> {
  const offset = lineCount(draft.frontmatter) - 1;
  const ours = new Map(facts.headings.map((heading) => [heading.line, heading.id]));
  const map = new Map<string, string>();
  for (const heading of draft.headings) {
    const id = ours.get(heading.line + offset);
    if (id === undefined) continue;
    for (const anchor of heading.foreignAnchors) {
      if (!map.has(anchor)) map.set(anchor, id);
      if (!map.has(anchor.toLowerCase())) map.set(anchor.toLowerCase(), id);
    }
  }
  return map;
}

interface LinkContext {
  index: SourceIndex;
  drafts: Map<string, Draft>;
  assets: Map<string, string>;
  taken: Set<string>;
  summary: ImportSummary;
  sourceRoot: string;
}

/** Points every link of a page at its new place; what cannot be resolved is left as written and listed. */
function rewriteLinks(draft: Draft, context: LinkContext): string {
  const { summary } = context;
  const body = draft.body;
  const tree: Root = parseMarkdown(body);
  const edits: { start: number; end: number; text: string }[] = [];
  const bodyLine = (line: number) => line + draft.sourceOffset;
  const count = (kind: string) => {
    summary.linksRewritten[kind] = (summary.linksRewritten[kind] ?? 0) + 1;
  };
  const left = (line: number, url: string, reason: string) =>
    summary.linksLeft.push({ file: draft.file.path, line: bodyLine(line), url, reason });
  for (const link of writtenLinks(tree, body)) {
    const target = resolveSourceLink(context.index, draft.file.path, link.url);
    if (target.kind === 'external') continue;
    if (target.kind === 'script') {
      edits.push({ start: link.node.start, end: link.node.end, text: body.slice(link.node.textStart, link.node.textEnd) });
      count('script link removed');
      continue;
    }
    if (target.kind === 'unresolved') {
      left(link.line, link.url, target.reason);
      continue;
    }
    if (target.kind === 'same-page') {
      const anchor = ourAnchor(draft, target.anchor);
      if (anchor === undefined) left(link.line, link.url, `no heading \`#${target.anchor}\` on the page`);
      else if (anchor !== target.anchor) {
        edits.push({ start: link.start, end: link.end, text: `#${anchor}` });
        count('anchor');
      }
      continue;
    }
    let url: string;
    if (target.kind === 'page') {
      const to = context.drafts.get(target.path);
      if (!to) {
        const skipped = summary.skipped.find((entry) => entry.path === target.path);
        left(link.line, link.url, `its target \`${target.path}\` was not imported${skipped ? ` (${skipped.reason})` : ''}`);
        continue;
      }
      url = relativeLink(draft.contentPath, to.contentPath);
      if (target.anchor !== undefined && target.anchor !== '') {
        const anchor = ourAnchor(to, target.anchor);
        if (anchor === undefined) {
          left(link.line, link.url, `no heading \`#${target.anchor}\` on \`${target.path}\``);
          continue;
        }
        if (anchor !== target.anchor) count('anchor');
        url += `#${anchor}`;
      }
    } else {
      const asset = assetFor(target.path, draft, context);
      if (typeof asset !== 'string') {
        left(link.line, link.url, asset.reason);
        continue;
      }
      url = relativeLink(draft.contentPath, asset);
    }
    if (url === link.url) continue;
    for (const fix of target.how) count(fix === 'html' ? '.html' : fix);
    if (target.how.includes('case')) summary.caseFixes.push({ file: draft.file.path, line: link.line, url: link.url, target: target.path });
    if (target.how.length === 0) count('moved');
    edits.push({ start: link.start, end: link.end, text: url });
  }
  let result = body;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    result = `${result.slice(0, edit.start)}${edit.text}${result.slice(edit.end)}`;
  return result;
}

function ourAnchor(draft: Draft, anchor: string): string | undefined {
  if (draft.ids?.has(anchor)) return anchor;
  return draft.anchors?.get(anchor) ?? draft.anchors?.get(anchor.toLowerCase());
}

/** The content path a linked file is copied to, beside the first page that links it; or why it is not copied. */
function assetFor(path: string, draft: Draft, context: LinkContext): string | { reason: string } {
  const known = context.assets.get(path);
  if (known !== undefined) return known;
  if (!isPublishedFile(path)) return { reason: 'file type the site does not publish (only images and plain downloads are copied)' };
  let size = 0;
  try {
    size = readFileSync(join(context.sourceRoot, path)).length;
  } catch {
    return { reason: 'file cannot be read' };
  }
  if (size > MAX_ASSET_BYTES) return { reason: `file larger than ${MAX_ASSET_BYTES / 1024 / 1024} MB, not copied` };
  const sourceDir = dirnamePosix(draft.file.path);
  const inside =
    sourceDir === '' || path.startsWith(`${sourceDir}/`)
      ? path.slice(sourceDir === '' ? 0 : sourceDir.length + 1)
      : path.replace(/^.*\//, '');
  const parts = inside.split('/');
  const name = parts.pop()!;
  const extension = /\.[^.]+$/.exec(name)![0].toLowerCase();
  const folders = parts.map((part) => nameSlug(part));
  const stem = nameSlug(name.slice(0, -extension.length));
  const contentPath = uniquePath([dirnamePosix(draft.contentPath), ...folders, stem].filter(Boolean).join('/'), extension, context.taken);
  context.assets.set(path, contentPath);
  return contentPath;
}
