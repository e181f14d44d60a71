import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { KbConfig } from '../lib/shared/config.js';
import { formatText, summaryLine } from '../lib/health/format.js';
import { resolveToday } from '../lib/health/freshness.js';
import type { HealthReport } from '../lib/health/engine.js';
import { readCorpus, type Corpus } from '../lib/content/corpus.js';
import { checkProject, runHealthCheck } from '../lib/health/run-check.js';
import { alertMap } from '../lib/search/alerts.js';
import { searchRecords } from '../lib/search/records.js';
import { indexBuiltSite, indexRecords } from './pagefind.js';
import remarkPlaceholders from './remark-placeholders.js';
import remarkSourceLinks from './remark-source-links.js';

const HEALTH_ID = 'virtual:runbook-kb/health';
const CONFIG_ID = 'virtual:runbook-kb/config';

/**
 * The knowledge base's build glue: checks content health before Astro reads a page, rewrites
 * source links, hands the health report to the pages, and indexes the result with Pagefind.
 */
export default function runbookKb(kb: KbConfig): AstroIntegration {
  let root = process.cwd();
  let report: HealthReport | undefined;
  // The pages as read at start-up; the dev server indexes them for search instead of reading them again.
  let startCorpus: Corpus | undefined;
  let command = 'build';
  const check = () => runHealthCheck({ root, config: kb, today: resolveToday(), base: kb.base });

  return {
    name: 'runbook-kb',
    hooks: {
      'astro:config:setup': ({ config, command: cmd, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        command = cmd;
        // Check first: Astro stops at the first invalid entry, the checker lists every problem with file:line.
        ({ corpus: startCorpus, report } = checkProject({ root, config: kb, today: resolveToday(), base: kb.base }));
        const errors = report.findings.filter((finding) => finding.severity === 'error');
        if (errors.length > 0) {
          const text = formatText({ ...report, findings: errors, notes: [] });
          if (cmd === 'build' && kb.health.failBuildOnError) {
            const failure = new Error(`Content health check failed; fix these and build again (details: npm run check):\n\n${text}`);
            // The findings carry their own file:line; a stack trace into the integration would only hide them.
            failure.stack = failure.message;
            throw failure;
          }
          logger.warn(`\n${text}`);
        } else logger.info(summaryLine(report));

        updateConfig({
          markdown: { remarkPlugins: [[remarkSourceLinks, { contentRoot: join(root, kb.contentDir), base: kb.base }], remarkPlaceholders] },
          vite: {
            plugins: [
              {
                name: 'runbook-kb:health',
                resolveId: (id: string) => (id === HEALTH_ID || id === CONFIG_ID ? `\0${id}` : undefined),
                load: (id: string) => {
                  if (id === `\0${CONFIG_ID}`) return `export default ${JSON.stringify(kb)};`;
                  // In dev the report is rebuilt on each load so edits show up; a build checks once.
                  if (id === `\0${HEALTH_ID}`) return `export default ${JSON.stringify(command === 'dev' ? check() : report)};`;
                  return undefined;
                },
              },
            ],
          },
        });
      },

      'astro:server:setup': async ({ server, logger }) => {
        // Search in dev: an index built from the content folder itself, so it matches what is on disk.
        const outputPath = join(root, 'node_modules/.runbook-kb/pagefind');
        const current = report ?? check();
        try {
          await indexRecords(searchRecords(startCorpus ?? readCorpus(root, kb.contentDir), current), outputPath);
          logger.info(
            `Search: dev index built from ${kb.contentDir}/ (${current.pages.filter((p) => p.status !== 'draft').length} pages); restart dev to refresh it, \`npm run build\` indexes the rendered pages`,
          );
        } catch (error) {
          logger.warn(`Search is unavailable in dev: ${(error as Error).message}`);
        }
        const prefix = `${kb.base.replace(/\/$/, '')}/pagefind/`;
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0];
          if (!path.startsWith(prefix)) return next();
          const file = join(outputPath, decodeURIComponent(path.slice(prefix.length)));
          if (!file.startsWith(outputPath) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },

      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const final = report ?? check();
        await mkdir(siteDir, { recursive: true });
        await writeFile(join(siteDir, 'health.json'), JSON.stringify(publishedView(final), null, 2));
        await writeFile(join(siteDir, 'alerts.json'), JSON.stringify(alertMap(final, kb.base), null, 2));
        const started = performance.now();
        const { pages } = await indexBuiltSite(siteDir);
        logger.info(`Search: indexed ${pages} pages with Pagefind in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}

/** The report without drafts: unpublished pages must not show up anywhere on the site. */
function publishedView(report: HealthReport): HealthReport {
  const drafts = new Set(report.pages.filter((page) => page.status === 'draft').map((page) => page.file));
  return {
    ...report,
    pages: report.pages.filter((page) => !drafts.has(page.file)),
    findings: report.findings.filter((finding) => !drafts.has(finding.file)),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};
