import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { splitFrontmatter } from '../lib/content/frontmatter.js';
import { isPublishedFile, listContent } from '../lib/content/files.js';
import { analyseEntry } from '../lib/health/analyse.js';
import type { HealthReport } from '../lib/health/engine.js';
import type { PageFacts } from '../lib/health/facts.js';
import { ruleById } from '../lib/health/registry.js';
import { analysisSettings } from '../lib/health/run-check.js';
import { SEARCH_ALERTS_FILE } from '../lib/search/alert-match.js';
import { alertMap, searchAlertMap } from '../lib/search/alerts.js';
import { searchRecords } from '../lib/search/records.js';
import { SPELLING_FILE } from '../lib/search/spelling.js';
import { spellingWords } from '../lib/search/spelling-words.js';
import type { KbConfig } from '../lib/shared/config.js';
import { normaliseBase } from '../lib/shared/paths.js';
import { indexRecords, termStatsOfRecords } from './pagefind.js';

/**
 * Judges an `.mdx` page again whenever Vite compiles it (dev edits included), before MDX parses
 * it: a page the content policy refuses fails to compile with its first finding. The content
 * loader already leaves refused pages out; this closes the gap between an edit and the loader.
 * In a build, `judged` gives the build's own check's verdict on exactly these bytes (by hash), so
 * an unchanged page is not parsed twice; bytes the check did not see are judged here.
 */
export function contentGuard(
  root: string,
  kb: KbConfig,
  judged?: (contentPath: string, bytes: Uint8Array) => Promise<PageFacts> | undefined,
): Plugin {
  const contentRoot = join(root, kb.contentDir) + sep;
  return {
    name: 'runbook-kb:content-guard',
    enforce: 'pre',
    async transform(code, id) {
      const path = id.split('?')[0];
      if (!path.startsWith(contentRoot) || !path.endsWith('.mdx')) return undefined;
      const contentPath = relative(join(root, kb.contentDir), path).split(sep).join('/');
      const bytes = Buffer.from(code);
      const facts = (await judged?.(contentPath, bytes)) ?? analyseEntry({ contentPath, kind: 'page' }, bytes, analysisSettings(root, kb));
      const refusal = facts.findings.find((finding) => ruleById(finding.rule)?.refuses);
      if (refusal) this.error(`${refusal.file}:${refusal.line}:${refusal.column}: ${refusal.message} [${refusal.rule}]`);
      return undefined;
    },
  };
}

/**
 * The dev server's extras: search from an index built from the content folder, rebuilt when a
 * file under it changes; `alerts.json`, `search-alerts.json`, `search-terms.json` and `search-words.json` as the build writes them; and the files pages link to,
 * served where the build publishes them.
 */
export async function devServer(options: {
  server: ViteDevServer;
  logger: AstroIntegrationLogger;
  root: string;
  kb: KbConfig;
  report: HealthReport;
  /** Checks the content folder again, after an edit. */
  check: () => Promise<HealthReport>;
}) {
  const { server, logger, root, kb } = options;
  const contentRoot = join(root, kb.contentDir);
  const outputPath = join(root, 'node_modules/.runbook-kb/pagefind');
  const bodyOf = (file: string) => splitFrontmatter(readFileSync(join(root, file), 'utf8')).body;
  let report = options.report;
  let published = publishedFiles(root, kb);
  let terms = termStatsOfRecords([]);
  const index = async (why: string) => {
    try {
      const records = searchRecords(report, bodyOf);
      await indexRecords(records, outputPath);
      terms = termStatsOfRecords(records);
      const count = report.pages.filter((page) => page.published).length;
      logger.info(`Search: dev index ${why} from ${kb.contentDir}/ (${count} pages); \`npm run build\` indexes the rendered pages`);
    } catch (error) {
      logger.warn(`Search is unavailable in dev: ${(error as Error).message}`);
    }
  };
  await index('built');
  // One rebuild at a time, after edits settle: saving five files re-indexes once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  const refresh = (path: string) => {
    if (!path.startsWith(`${contentRoot}${sep}`)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        report = await options.check();
        published = publishedFiles(root, kb);
        await index('refreshed');
      });
    }, 400);
  };
  for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, refresh);
  const base = normaliseBase(kb.base).slice(0, -1);
  // The files the build writes next to the pages, as they would be now.
  const generated = new Map<string, () => unknown>([
    ['alerts.json', () => alertMap(report, kb.base)],
    [SEARCH_ALERTS_FILE, () => searchAlertMap(alertMap(report, kb.base))],
    ['search-terms.json', () => terms],
    [SPELLING_FILE, () => spellingWords(report.pages.filter((page) => page.published))],
  ]);
  // First in the stack: Astro's own middleware answers `.json` paths it has no route for with its 404 page.
  server.middlewares.stack.unshift({
    route: '',
    handle: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0]);
      // Vite may have taken the base path off already.
      const rest = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path.slice(1);
      const json = generated.get(rest);
      if (json) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(json()));
        return;
      }
      const file = rest.startsWith('pagefind/')
        ? join(outputPath, rest.slice('pagefind/'.length))
        : published.has(rest)
          ? join(contentRoot, rest)
          : undefined;
      if (!file || !(file.startsWith(outputPath) || published.has(rest)) || !existsSync(file) || !statSync(file).isFile()) return next();
      res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      createReadStream(file).pipe(res);
    },
  });
}

/** Files next to pages that the build publishes. */
function publishedFiles(root: string, kb: KbConfig): Set<string> {
  return new Set(
    listContent(root, kb.contentDir)
      .filter((entry) => entry.kind === 'file' && isPublishedFile(entry.contentPath))
      .map((entry) => entry.contentPath),
  );
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};
