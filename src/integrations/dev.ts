import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { splitFrontmatter } from '../lib/content/frontmatter.js';
import { isPublishedFile, listContent } from '../lib/content/files.js';
import { analyseEntry } from '../lib/health/analyse.js';
import type { HealthReport } from '../lib/health/engine.js';
import { ruleById } from '../lib/health/registry.js';
import { analysisSettings } from '../lib/health/run-check.js';
import { searchRecords } from '../lib/search/records.js';
import type { KbConfig } from '../lib/shared/config.js';
import { normaliseBase } from '../lib/shared/paths.js';
import { indexRecords } from './pagefind.js';

/**
 * Judges an `.mdx` page again whenever Vite compiles it (dev edits included), before MDX parses
 * it: a page the content policy refuses fails to compile with its first finding. The content
 * loader already leaves refused pages out; this closes the gap between an edit and the loader.
 */
export function contentGuard(root: string, kb: KbConfig): Plugin {
  const contentRoot = join(root, kb.contentDir) + sep;
  return {
    name: 'runbook-kb:content-guard',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      if (!path.startsWith(contentRoot) || !path.endsWith('.mdx')) return undefined;
      const contentPath = relative(join(root, kb.contentDir), path).split(sep).join('/');
      const facts = analyseEntry({ contentPath, kind: 'page' }, Buffer.from(code), analysisSettings(root, kb));
      const refusal = facts.findings.find((finding) => ruleById(finding.rule)?.refuses);
      if (refusal) this.error(`${refusal.file}:${refusal.line}:${refusal.column}: ${refusal.message} [${refusal.rule}]`);
      return undefined;
    },
  };
}

/**
 * The dev server's extras: search from an index built from the content folder at start-up, and
 * the files pages link to, served where the build publishes them.
 */
export async function devServer(options: {
  server: ViteDevServer;
  logger: AstroIntegrationLogger;
  root: string;
  kb: KbConfig;
  report: HealthReport;
}) {
  const { server, logger, root, kb, report } = options;
  const outputPath = join(root, 'node_modules/.runbook-kb/pagefind');
  const bodyOf = (file: string) => splitFrontmatter(readFileSync(join(root, file), 'utf8')).body;
  try {
    await indexRecords(searchRecords(report, bodyOf), outputPath);
    const count = report.pages.filter((page) => page.published).length;
    logger.info(
      `Search: dev index built from ${kb.contentDir}/ (${count} pages); restart dev to refresh it, \`npm run build\` indexes the rendered pages`,
    );
  } catch (error) {
    logger.warn(`Search is unavailable in dev: ${(error as Error).message}`);
  }
  const base = normaliseBase(kb.base).slice(0, -1);
  const published = new Set(
    listContent(root, kb.contentDir)
      .filter((entry) => entry.kind === 'file' && isPublishedFile(entry.contentPath))
      .map((entry) => entry.contentPath),
  );
  server.middlewares.use((req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!path.startsWith(`${base}/`)) return next();
    const rest = path.slice(base.length + 1);
    const file = rest.startsWith('pagefind/')
      ? join(outputPath, rest.slice('pagefind/'.length))
      : published.has(rest)
        ? join(root, kb.contentDir, rest)
        : undefined;
    if (!file || !(file.startsWith(outputPath) || published.has(rest)) || !existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    createReadStream(file).pipe(res);
  });
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
