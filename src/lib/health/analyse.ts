import { decodeUtf8 } from '../content/decode.js';
import { readFrontmatter } from '../content/frontmatter.js';
import { listItemLine } from '../content/frontmatter-lines.js';
import { collectionOf, serviceOf, type ContentEntry } from '../content/files.js';
import type { ContentLimits } from '../content/limits.js';
import { mdxPolicyViolations, type PolicyOptions } from '../content/policy.js';
import { parsePage, structureOf, syntaxErrorOf } from '../content/structure.js';
import { pageUrl } from '../shared/paths.js';
import { printable } from '../shared/printable.js';
import type { Root as MdastRoot } from 'mdast';
import type { PageFacts } from './facts.js';
import type { Finding } from './findings.js';
import { FILE_RULES } from './registry.js';
import type { FileContext, FileRule, FileStage } from './rule.js';

/** What reading one file depends on besides the file itself; part of the cache key. */
export interface AnalysisSettings extends PolicyOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  contentDir: string;
  limits: ContentLimits;
}

/**
 * Filled in by `analyseEntry` for a Markdown page whose body it parsed: the body, and a copy of the
 * tree the parser made of it, before any plugin ran (so a build can render the page from it
 * instead of parsing it again; see render-share.ts).
 */
export interface ParsedBody {
  body?: string;
  tree?: MdastRoot;
}

const STAGES: FileStage[] = ['entry', 'source', 'frontmatter', 'body'];
const RULES_BY_STAGE = new Map(STAGES.map((stage) => [stage, FILE_RULES.filter((rule) => rule.stage === stage)]));

/**
 * Reads one entry of the content folder through the file rules, stage by stage: a refusal at
 * the entry or source stage stops before anything parses the file, and a frontmatter that
 * cannot be read stops before the body. Never throws for bad content.
 */
export function analyseEntry(
  entry: ContentEntry,
  bytes: Uint8Array | undefined,
  settings: AnalysisSettings,
  parsed?: ParsedBody,
): PageFacts {
  const decoded = bytes === undefined ? undefined : decodeUtf8(bytes);
  const source = decoded?.text;
  const file = `${settings.contentDir}/${entry.contentPath}`;
  const collection = entry.kind === 'page' ? collectionOf(entry.contentPath) : undefined;
  const facts: PageFacts = {
    contentPath: entry.contentPath,
    file,
    kind: entry.kind,
    collection,
    service: serviceOf(entry.contentPath),
    url: pageUrl(entry.contentPath),
    mdx: entry.contentPath.endsWith('.mdx'),
    keyLines: {},
    links: [],
    ids: [],
    headings: [],
    findings: [],
    refused: false,
  };
  const context: FileContext = {
    entry,
    file,
    source: source ?? '',
    bytes: bytes?.length ?? 0,
    invalidUtf8: decoded?.invalidAt,
    limits: settings.limits,
  };
  if (!runStage('entry', context, facts) || entry.kind !== 'page' || source === undefined) return facts;
  if (!runStage('source', context, facts)) return facts;

  const frontmatter = readFrontmatter(source, collection);
  context.frontmatter = frontmatter;
  // The mapping as written is kept only when it is invalid; valid pages carry the validated data.
  facts.raw = frontmatter.data ? undefined : frontmatter.raw;
  facts.data = frontmatter.data;
  facts.keyLines = Object.fromEntries(frontmatter.keyLines);
  const stepsLine = frontmatter.keyLines.get('steps');
  if (frontmatter.data?.steps && stepsLine !== undefined)
    facts.stepLines = frontmatter.data.steps.map((_, index) => listItemLine(source, stepsLine, index) ?? stepsLine);
  if (!runStage('frontmatter', context, facts) || frontmatter.form || frontmatter.yaml) return facts;

  readBody(context, facts, settings, parsed);
  runStage('body', context, facts);
  return facts;
}

function readBody(context: FileContext, facts: PageFacts, settings: AnalysisSettings, parsed?: ParsedBody): void {
  const body = context.frontmatter?.body ?? context.source;
  const path = `${settings.contentRoot}/${context.entry.contentPath}`;
  try {
    context.page = parsePage(
      body,
      path,
      parsed &&
        ((tree) => {
          // A copy: the checker's own steps change the tree. One too deep to copy is not handed
          // on (the renderer then parses the body itself); it must not fail the check's parse.
          try {
            parsed.tree = structuredClone(tree);
            parsed.body = body;
          } catch {
            parsed.tree = undefined;
          }
        }),
    );
  } catch (error) {
    context.syntaxError = syntaxErrorOf(error);
    return;
  }
  if (context.page.mdx) context.policy = mdxPolicyViolations(context.page.tree, path, settings);
  try {
    context.structure = structureOf(context.page);
  } catch (error) {
    // A tree too deep for the HTML steps' recursion: the build could not render it either.
    context.syntaxError = { ...syntaxErrorOf(error), line: 1, column: 1 };
    return;
  }
  facts.links = context.structure.links;
  facts.ids = context.structure.ids;
  facts.headings = context.structure.headings;
}

/** Runs one stage's rules; false when one of them refused the file. */
function runStage(stage: FileStage, context: FileContext, facts: PageFacts): boolean {
  let refused = false;
  for (const rule of RULES_BY_STAGE.get(stage) ?? []) {
    const hits = rule.check(context);
    if (hits.length === 0) continue;
    facts.findings.push(...hits.map((hit) => toFinding(rule, context.file, hit)));
    if (rule.refuses) refused = true;
  }
  if (refused) facts.refused = true;
  return !refused;
}

function toFinding(rule: FileRule, file: string, hit: ReturnType<FileRule['check']>[number]): Finding {
  return {
    rule: rule.id,
    severity: hit.severity ?? rule.severity,
    file,
    line: hit.line,
    column: hit.column ?? 1,
    message: printable(hit.message),
    hint: hit.hint === undefined ? undefined : printable(hit.hint),
  };
}
