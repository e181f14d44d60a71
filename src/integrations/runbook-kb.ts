import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isPublishedFile } from '../lib/content/files.js';
import { siteMarkdownConfig } from '../lib/content/pipeline.js';
import type { HealthReport } from '../lib/health/engine.js';
import { countFindings } from '../lib/health/findings.js';
import { formatText, summaryLine } from '../lib/health/format.js';
import { countSections } from '../lib/health/summary.js';
import { resolveToday } from '../lib/health/freshness.js';
import { ruleById } from '../lib/health/registry.js';
import * as analysis from '../lib/health/analyse.js';
import { runHealthCheck, type CheckedProject } from '../lib/health/run-check.js';
import { alertMap } from '../lib/search/alerts.js';
import { codeRoot } from '../lib/shared/code-root.js';
import type { KbConfig } from '../lib/shared/config.js';
import { contentGuard, devServer } from './dev.js';
import { indexBuiltSite } from './pagefind.js';

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
  let checked: CheckedProject | undefined;
  let command = 'build';
  const downgradeErrors = process.env[ALLOW_HEALTH_ERRORS] === '1';
  const check = async () => (await runHealthCheck({ root, config: kb, today: resolveToday(), downgradeErrors, analysis })).report;

  const main: AstroIntegration = {
    name: 'runbook-kb',
    hooks: {
      'astro:config:setup': async ({ config, command: cmd, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        command = cmd;
        checked = await runHealthCheck({ root, config: kb, today: resolveToday(), downgradeErrors, analysis });
        reportFindings(checked.report, cmd, kb, logger);
        const contentRoot = join(root, kb.contentDir);
        updateConfig({
          markdown: siteMarkdownConfig({ contentRoot, base: kb.base, projectRoot: codeRoot(), components: kb.components }),
          vite: {
            plugins: [
              contentGuard(root, kb),
              {
                name: 'runbook-kb:health',
                resolveId: (id: string) => (id === HEALTH_ID || id === CONFIG_ID ? `\0${id}` : undefined),
                load: async (id: string) => {
                  if (id === `\0${CONFIG_ID}`) return `export default ${JSON.stringify(kb)};`;
                  // In dev the report is rebuilt on each load so edits show up; a build checks once.
                  if (id === `\0${HEALTH_ID}`)
                    return `export default ${JSON.stringify(publishedView(command === 'dev' ? await check() : (checked?.report ?? (await check()))))};`;
                  return undefined;
                },
              },
            ],
          },
        });
      },

      'astro:server:setup': async ({ server, logger }) => {
        await devServer({ server, logger, root, kb, report: checked?.report ?? (await check()) });
      },

      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const report = checked?.report ?? (await check());
        await mkdir(siteDir, { recursive: true });
        await writeFile(join(siteDir, 'health.json'), JSON.stringify(publishedView(report), null, 2));
        await writeFile(join(siteDir, 'alerts.json'), JSON.stringify(alertMap(report, kb.base), null, 2));
        const copied = await publishFiles(checked, root, kb, siteDir);
        const started = performance.now();
        const { pages } = await indexBuiltSite(siteDir);
        logger.info(
          `Search: indexed ${pages} pages with Pagefind in ${Math.round(performance.now() - started)} ms; ${copied} files published next to pages`,
        );
      },
    },
  };
  // Last in the integration list, after the sitemap and every other build step has written its
  // files: the build fails here when the policy refused pages, once the rest of the site is complete.
  const gate: AstroIntegration = {
    name: 'runbook-kb:policy-gate',
    hooks: {
      'astro:build:done': () => {
        const refused = checked?.report.refused ?? [];
        if (refused.length === 0) return;
        const failure = new Error(
          `Left out ${refused.length} file${refused.length === 1 ? '' : 's'} the content policy refused; every other page is built:\n${refused.map((file) => `  ${file}`).join('\n')}\n(details: npm run check)`,
        );
        failure.stack = failure.message;
        throw failure;
      },
    },
  };
  return { main, gate };
}

/**
 * Prints the findings that matter for this run. Content-policy refusals never stop the build:
 * those pages are left out and the build fails at the end. Other errors stop `astro build` when
 * `health.failBuildOnError` is set, unless `KB_ALLOW_HEALTH_ERRORS=1` downgraded them.
 */
function reportFindings(report: HealthReport, command: string, kb: KbConfig, logger: AstroIntegrationLogger): void {
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const refusals = errors.filter((finding) => ruleById(finding.rule)?.refuses);
  const health = errors.filter((finding) => !ruleById(finding.rule)?.refuses);
  if (refusals.length > 0) logger.error(`\n${formatText({ ...report, findings: refusals, notes: [] })}`);
  if (health.length > 0 && command === 'build' && kb.health.failBuildOnError) {
    const text = formatText({ ...report, findings: health, notes: [] });
    const failure = new Error(
      `Content health check failed; fix these and build again (details: npm run check; to preview anyway: ${ALLOW_HEALTH_ERRORS}=1 npm run build):\n\n${text}`,
    );
    // The findings carry their own file:line; a stack trace into the integration would only hide them.
    failure.stack = failure.message;
    throw failure;
  }
  if (health.length > 0) logger.warn(`\n${formatText({ ...report, findings: health, notes: [] })}`);
  else logger.info(summaryLine(report));
}

/** Copies the files pages link to (images, downloads) to `dist/<content path>`; see `isPublishedFile`. */
async function publishFiles(checked: CheckedProject | undefined, root: string, kb: KbConfig, siteDir: string): Promise<number> {
  const files = (checked?.facts ?? []).filter((entry) => entry.kind === 'file' && isPublishedFile(entry.contentPath));
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
