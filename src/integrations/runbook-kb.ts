import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isPublishedFile } from '../lib/content/files.js';
import { siteMarkdownConfig, type SitePipelineOptions } from '../lib/content/pipeline.js';
import { renderSettingsOf, type RenderSettings } from '../lib/content/render.js';
import type { HealthReport } from '../lib/health/engine.js';
import { countFindings } from '../lib/health/findings.js';
import { formatText, summaryLine } from '../lib/health/format.js';
import { countSections } from '../lib/health/summary.js';
import { resolveToday } from '../lib/health/freshness.js';
import { ruleById } from '../lib/health/registry.js';
import * as analysis from '../lib/health/analyse.js';
import { runHealthCheck, shareCheck, startHealthCheck, type CheckedProject } from '../lib/health/run-check.js';
import { SEARCH_ALERTS_FILE } from '../lib/search/alert-match.js';
import { alertMap, searchAlertMap } from '../lib/search/alerts.js';
import { SPELLING_FILE } from '../lib/search/spelling.js';
import { spellingWords } from '../lib/search/spelling-words.js';
import { codeRoot } from '../lib/shared/code-root.js';
import { collectGarbage } from '../lib/shared/collect-garbage.js';
import type { KbConfig } from '../lib/shared/config.js';
import { analysisWorkerBundle } from '../../scripts/lib/bundle.mjs';
import { escapeAttributeQuotes } from './attribute-quotes.js';
import { prepareContentStore } from './content-store.js';
import { contentGuard, devServer } from './dev.js';
import { INDEX_AFTER_BUILD, indexSite } from './pagefind.js';

const HEALTH_ID = 'virtual:runbook-kb/health';
const CONFIG_ID = 'virtual:runbook-kb/config';

/** `KB_ALLOW_HEALTH_ERRORS=1`: build past health errors for one run (a preview); policy refusals still fail. */
export const ALLOW_HEALTH_ERRORS = 'KB_ALLOW_HEALTH_ERRORS';

/**
 * The knowledge base's build glue: judges the content before Astro reads a page, hands the
 * pages' plugins and the health report to Astro, publishes files next to pages, and indexes the
 * result with Pagefind. Pages the content policy refuses are left out and fail the build at the end.
 */
export default function runbookKb(kb: KbConfig): { main: AstroIntegration; gate: AstroIntegration } {
  let root = process.cwd();
  let completed: Promise<CheckedProject> | undefined;
  /** The check's result: the one the build started, or a new one. */
  const result = async (): Promise<CheckedProject> => (completed ? await completed : await runHealthCheck(options()));
  let command = 'build';
  /** The options of the site's Markdown plugins, and the hand-over of Astro's resolved Markdown settings to the check. */
  let pipeline: SitePipelineOptions | undefined;
  let settleRendering: ((settings: RenderSettings | undefined) => void) | undefined;
  /** Astro's cache folder (`node_modules/.astro/`), where the build keeps its last search index. */
  let cacheDir: string | undefined;
  const downgradeErrors = process.env[ALLOW_HEALTH_ERRORS] === '1';
  const options = () => ({ root, config: kb, today: resolveToday(), downgradeErrors, analysis, analysisWorker: analysisWorkerBundle });
  const check = async () => (await runHealthCheck(options())).report;

  const main: AstroIntegration = {
    name: 'runbook-kb',
    hooks: {
      'astro:config:setup': async ({ config, command: cmd, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
        command = cmd;
        // `astro preview` serves what the build wrote: checking the content again would only repeat the build's findings.
        if (cmd === 'preview') return;
        // A build reads the content in worker threads while Astro renders each page as soon as
        // its facts are in (the content loader awaits them, so a refused page never reaches Astro);
        // the findings are printed once every file is read.
        // Once Astro has resolved its Markdown settings (config:done), the check's workers also
        // render each published `.md` page from the tree they parsed (lib/health/render-share.ts).
        const shareRendering = new Promise<RenderSettings | undefined>((resolve) => (settleRendering = resolve));
        const started = startHealthCheck({
          ...options(),
          background: cmd === 'build',
          shareRendering: cmd === 'build' ? shareRendering : undefined,
        });
        shareCheck(root, cmd === 'build' ? started : undefined);
        completed = started.done.then((project) => {
          reportFindings(project.report, logger);
          return project;
        });
        // Marked as handled here; a failed check fails the build where the result is awaited.
        completed.catch(() => undefined);
        if (cmd !== 'build') await completed;
        // Astro's content store keeps rendered pages between builds (and dev sessions): kept when
        // the same code and settings rendered it (so only changed pages are rendered again),
        // deleted otherwise, so pages never show what an older Markdown pipeline made of them.
        await prepareContentStore({
          cacheDir: config.cacheDir,
          version: started.version,
          settings: kb,
          files: [join(codeRoot(), 'package-lock.json'), join(codeRoot(), 'src', 'site', 'loader.ts')],
          changed: started.changed,
        });
        pipeline = { contentRoot: join(root, kb.contentDir), base: kb.base, projectRoot: codeRoot(), components: kb.components };
        updateConfig({
          markdown: siteMarkdownConfig(pipeline),
          vite: {
            plugins: [
              contentGuard(root, kb, cmd === 'build' ? started.judged : undefined),
              escapeAttributeQuotes(),
              {
                name: 'runbook-kb:health',
                resolveId: (id: string) => (id === HEALTH_ID || id === CONFIG_ID ? `\0${id}` : undefined),
                load: async (id: string) => {
                  if (id === `\0${CONFIG_ID}`) return `export default ${JSON.stringify(kb)};`;
                  // In dev the report is rebuilt on each load so edits show up; a build checks once.
                  // As one JSON string: a multi-megabyte object literal costs the bundler far more to parse and walk.
                  if (id === `\0${HEALTH_ID}`) {
                    const view = publishedView(command === 'dev' ? await check() : (await result()).report);
                    return `export default JSON.parse(${JSON.stringify(JSON.stringify(view))});`;
                  }
                  return undefined;
                },
              },
            ],
          },
        });
      },

      'astro:config:done': ({ config }) => {
        settleRendering?.(pipeline && renderSettingsOf(config, pipeline));
      },

      // Between the server bundle and writing the pages (the browser bundle is next): the heap
      // then holds mostly garbage of the content sync and the bundle (a snapshot at the end of a
      // 1,000-page build: 86 MB live of 394 MB in use), and V8, which had no reason to collect it
      // yet, grew the heap while writing pages instead: the build's peak memory. One full
      // collection here (about 50 ms) lowers that peak by a tenth (docs/benchmarks.md).
      'astro:build:setup': ({ target }) => {
        if (target === 'client') collectGarbage();
      },

      'astro:server:setup': async ({ server, logger }) => {
        await devServer({ server, logger, root, kb, report: (await result()).report, check });
      },

      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const checked = await result();
        const { report } = checked;
        await mkdir(siteDir, { recursive: true });
        await writeFile(join(siteDir, 'health.json'), JSON.stringify(publishedView(report), null, 2));
        const alerts = alertMap(report, kb.base);
        await writeFile(join(siteDir, 'alerts.json'), JSON.stringify(alerts, null, 2));
        await writeFile(join(siteDir, SEARCH_ALERTS_FILE), JSON.stringify(searchAlertMap(alerts)));
        await writeFile(join(siteDir, SPELLING_FILE), JSON.stringify(spellingWords(report.pages.filter((page) => page.published))));
        const copied = await publishFiles(checked, root, kb, siteDir);
        // `npm run build` indexes the site once Astro has exited (scripts/build.sh), so Pagefind's
        // memory does not stack on Astro's; a plain `astro build` indexes it here.
        const request = process.env[INDEX_AFTER_BUILD];
        if (request) {
          await writeFile(request, JSON.stringify({ siteDir, cacheDir }));
          logger.info(`${copied} files published next to pages; the search index is written once Astro has exited`);
        } else logger.info(`${await indexSite(siteDir, cacheDir)}; ${copied} files published next to pages`);
      },
    },
  };
  // Last in the integration list, after the sitemap and every other build step has written its
  // files: the build fails here, once the rest of the site is complete, when the policy refused
  // pages or (with `health.failBuildOnError`) the check found errors. Failing at the start instead
  // would leave every good page unbuilt because of one bad one.
  const gate: AstroIntegration = {
    name: 'runbook-kb:gate',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        const failure = gateFailure((await result()).report, kb);
        if (!failure) return;
        // Astro frames whatever a hook throws as "an unhandled error" with a stack trace. This is a
        // verdict, not a crash: under the `astro` command it is reported as such and the command
        // ends with status 1, every page already written. Anywhere else (Astro's API), it throws.
        if (/[\\/]astro(?:\.m?js)?$/.test(process.argv[1] ?? '')) {
          logger.error(`Build failed the content health gate.\n\n${failure}`);
          process.exit(1);
        }
        const error = new Error(failure);
        // The findings were printed with their file:line once the check ended; a stack trace would only hide them.
        error.stack = error.message;
        throw error;
      },
    },
  };
  return { main, gate };
}

/** Prints every error with its file:line, and the summary, as soon as every file is checked (before any page is written). */
function reportFindings(report: HealthReport, logger: AstroIntegrationLogger): void {
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) logger.error(`\n${formatText({ ...report, findings: errors, notes: [] })}`);
  else logger.info(summaryLine(report));
}

/** Why the build fails, once everything else is written; undefined when it passes. */
function gateFailure(report: HealthReport, kb: KbConfig): string | undefined {
  const parts: string[] = [];
  if (report.refused.length > 0) {
    parts.push(
      `Left out ${report.refused.length} file${report.refused.length === 1 ? '' : 's'} the content policy refused:\n${report.refused.map((file) => `  ${file}`).join('\n')}`,
    );
  }
  const errors = report.findings.filter((finding) => finding.severity === 'error' && !ruleById(finding.rule)?.refuses);
  if (errors.length > 0 && kb.health.failBuildOnError) {
    parts.push(
      `Content health check failed with ${errors.length} error${errors.length === 1 ? '' : 's'} (listed above, once every file was checked; \`npm run check\` lists them too). To preview anyway: ${ALLOW_HEALTH_ERRORS}=1 npm run build`,
    );
  }
  return parts.length === 0 ? undefined : `${parts.join('\n\n')}\n\nEvery other page is built in the output folder.`;
}

/** Copies the files pages link to (images, downloads) to `dist/<content path>`; see `isPublishedFile`. */
async function publishFiles(checked: CheckedProject, root: string, kb: KbConfig, siteDir: string): Promise<number> {
  const files = checked.facts.filter((entry) => entry.kind === 'file' && isPublishedFile(entry.contentPath));
  for (const entry of files) {
    const target = join(siteDir, entry.contentPath);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(root, kb.contentDir, entry.contentPath), target);
  }
  return files.length;
}

/** The report without drafts: unpublished work must not show up anywhere on the site. */
function publishedView(report: HealthReport): HealthReport {
  const hidden = new Set(report.pages.filter((page) => page.status === 'draft').map((page) => page.file));
  const findings = report.findings.filter((finding) => !hidden.has(finding.file));
  // Counted again from what is left, so every number the site shows matches its lists.
  return {
    ...report,
    pages: report.pages.filter((page) => !hidden.has(page.file)),
    findings,
    counts: countFindings(findings),
    sections: countSections(findings),
  };
}
