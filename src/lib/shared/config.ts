import { z } from 'zod';
import { durationSchema } from './duration.js';
import { DEFAULT_LIMITS } from '../content/limits.js';
import { RULE_IDS, ruleById } from '../health/registry.js';
import { didYouMean } from './did-you-mean.js';
import { withBase } from './paths.js';

/** Settings a team sets in `kb.config.ts`; every field has a default. */
export const kbConfigSchema = z
  .object({
    /** Site name shown in the header and the page titles. @default "Runbooks" */
    title: z.string().default('Runbooks'),
    /**
     * Path the site is served under, passed to Astro's `base`; links and search follow it.
     * @default "/" @example "/kb/"
     */
    base: z.string().default('/'),
    /** Public origin of the site, for canonical links and the sitemap. @example "https://kb.example.com" */
    site: z.string().url().optional(),
    /** Folder holding the knowledge base, relative to the project root. @default "content" */
    contentDir: z.string().default('content'),
    /**
     * Where "Edit this page" points; `{path}` is the file path from the project root.
     * @example "https://git.example.com/ops/kb/-/edit/main/{path}"
     */
    editUrl: z.string().optional(),
    /**
     * Where "Report a problem with this page" points; `{title}`, `{path}` and `{url}` are
     * URL-encoded.
     * @example "https://git.example.com/ops/kb/-/issues/new?issue[title]={title}"
     */
    issueUrl: z.string().optional(),
    review: z
      .object({
        /** Default review interval of runbooks. @default "180d" */
        runbooks: durationSchema.default('180d'),
        /** Default review interval of guides. @default "365d" */
        guides: durationSchema.default('365d'),
        /** How long before its due date a page counts as "due soon". @default "30d" */
        dueSoonWindow: durationSchema.default('30d'),
      })
      .strict()
      .default({}),
    health: z
      .object({
        /** Treat stale pages and orphans as errors (the CLI's `--strict`). @default false */
        strict: z.boolean().default(false),
        /** Fail `astro build` when the check finds errors (schema, dangling links). @default true */
        failBuildOnError: z.boolean().default(true),
        /**
         * Pages that may have no inbound links, as paths relative to the content folder.
         * @example ["guides/start-here.md"]
         */
        orphanAllowList: z.array(z.string()).default([]),
      })
      .strict()
      .default({}),
    /**
     * Severity per health rule, or `off` (content-policy rules keep theirs).
     * @example { "duplicate-title": "off", "orphan-page": "error" }
     */
    rules: z.record(z.enum(['error', 'warning', 'info', 'off'])).default({}),
    /**
     * Components MDX pages may import, as name → file from the project root. Each entry is code
     * that content can run in the build: add one only after reviewing the component.
     * @default { "Callout": "src/components/Callout.astro" }
     */
    components: z
      .record(z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'Expected a component name such as `Callout`'), z.string())
      .default({ Callout: 'src/components/Callout.astro' }),
    limits: z
      .object({
        /** Largest page file, in bytes. @default 1000000 */
        pageBytes: z.number().int().positive().default(DEFAULT_LIMITS.pageBytes),
        /** Deepest nesting of lists and blockquotes. @default 32 */
        nestingDepth: z.number().int().positive().default(DEFAULT_LIMITS.nestingDepth),
        /** Most entries in `symptoms`, `alerts`, `tags` or `services` of one page. @default 100 */
        listItems: z.number().int().positive().default(DEFAULT_LIMITS.listItems),
        /** Longest run of text without a blank line, in characters. @default 16384 */
        blockBytes: z.number().int().positive().default(DEFAULT_LIMITS.blockBytes),
      })
      .strict()
      .default({}),
    /**
     * Prometheus rule files to judge alert coverage against: glob patterns relative to the project
     * root, matching plain rule files (`groups:`) and `PrometheusRule` manifests. `npm run check
     * -- --alert-rules GLOB` replaces them for one run. A pattern that matches no file is an error.
     * @default [] @example ["monitoring/rules/*.yaml", "deploy/prometheus-rule.yaml"]
     */
    alertRules: z.array(z.string()).default([]),
    alertCoverage: z
      .object({
        /**
         * Values of the severity label that page someone: such an alert without a runbook is an
         * error, any other a warning. Compared without regard to case.
         * @default ["critical", "page"]
         */
        pagingSeverities: z.array(z.string()).default(['critical', 'page']),
        /** Label of an alerting rule that holds its severity. @default "severity" @example "priority" */
        severityLabel: z.string().default('severity'),
        /** Label of an alerting rule that names the team it pages; findings are grouped by it. @default "team" @example "owner" */
        ownerLabel: z.string().default('team'),
      })
      .strict()
      .default({}),
    search: z
      .object({
        /**
         * More names for the same thing, searched as one: term → its other names, added to the
         * built-in operations vocabulary (pager/alert, oom/out of memory, k8s/kubernetes, …).
         * @example { "pgbouncer": ["connection pooler"], "mq": ["rabbitmq", "message queue"] }
         */
        synonyms: z.record(z.array(z.string().min(1))).default({}),
      })
      .strict()
      .default({}),
    runbookSections: z
      .array(z.string())
      /** H2 sections every runbook has, in this order (the lint rule `runbook-sections`). */
      .default(['Symptoms', 'Diagnosis', 'Resolution', 'Verification', 'Escalation']),
  })
  .strict();

export type KbConfigInput = z.input<typeof kbConfigSchema>;
export type KbConfig = z.output<typeof kbConfigSchema>;

/** Typed identity for `kb.config.ts`, so editors complete and check the settings. */
export function defineKbConfig(config: KbConfigInput): KbConfigInput {
  return config;
}

/** Applies defaults and validates; throws with every problem listed when the config is wrong. */
export function resolveKbConfig(input: KbConfigInput = {}): KbConfig {
  const parsed = kbConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `kb.config.ts: \`${issue.path.join('.') || '(root)'}\`: ${issue.message}`);
    throw new Error(`Invalid kb.config.ts\n${lines.join('\n')}`);
  }
  const problems = ruleSettingProblems(parsed.data.rules);
  if (problems.length > 0) throw new Error(`Invalid kb.config.ts\n${problems.join('\n')}`);
  return parsed.data;
}

/** Unknown rule ids (with a did-you-mean) and attempts to change a content-policy rule. */
function ruleSettingProblems(rules: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(rules)) {
    const rule = ruleById(id);
    if (!rule) problems.push(`kb.config.ts: \`rules.${id}\`: Unexpected rule \`${id}\`${didYouMean(id, RULE_IDS)}`);
    else if (rule.refuses)
      problems.push(`kb.config.ts: \`rules.${id}\`: Unexpected setting for \`${id}\`, a content-policy rule: its pages are always refused`);
  }
  return problems;
}

/** "Edit this page" for a file (path from the project root), when `editUrl` is configured. */
export function editUrlFor(config: KbConfig, file: string): string | undefined {
  return config.editUrl?.replace('{path}', file);
}

/** A page's full address on the published site (`site` + `base`), when `site` is configured. */
export function publicUrlFor(config: KbConfig, url: string): string | undefined {
  return config.site ? new URL(withBase(url, config.base), config.site).href : undefined;
}
