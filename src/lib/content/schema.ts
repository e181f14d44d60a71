import { z } from 'zod';
import { isCalendarDate } from '../shared/dates.js';
import { durationSchema } from '../shared/duration.js';

export { isCalendarDate };

/** The two kinds of page: task-focused runbooks and narrative guides. */
export const COLLECTIONS = ['runbooks', 'guides'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/**
 * A calendar date. YAML loaders that build Date objects (Astro's) and ones that keep the text
 * (the checker's) both end up as `YYYY-MM-DD`.
 */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string({ invalid_type_error: 'Expected a date like `2026-03-31`' }).refine(isCalendarDate, 'Expected a real date like `2026-03-31`'),
);

const nonEmpty = z.string().trim().min(1, 'Expected a non-empty text');
const stringList = z.array(nonEmpty);
/** An owner, service or tag: it names a listing page, so it needs a letter or digit (`..` or `/` alone name nothing). */
const groupName = nonEmpty.refine((name) => /[\p{L}\p{N}]/u.test(name), 'Expected a name with a letter or digit');
const groupList = z.array(groupName);

const baseShape = {
  /** What the page answers, phrased as the problem or task. @example "DNS lookups from pods take 10 s" */
  title: nonEmpty,
  /** One line for search results and link previews. */
  description: nonEmpty.optional(),
  /**
   * What someone sees: an error text, an alert, a behaviour. Searched with the highest weight.
   * @example ["curl hangs for about 10 s, then works"]
   */
  symptoms: z
    .union([nonEmpty, stringList], { errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union' ? 'Expected a text or a list of texts' : ctx.defaultError }) })
    .transform((value) => (typeof value === 'string' ? [value] : value))
    .optional(),
  /** Alert names that open this page at `/alerts/<name>/`. @example ["CoreDNSLatencyHigh"] */
  alerts: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9_.:-]+$/, 'Expected an alert name of letters, digits, `_`, `.`, `:` or `-`')
        // The name is a URL segment (`/alerts/<name>/`): `.` and `..` would name another page.
        .refine((name) => name !== '.' && name !== '..', 'Expected an alert name, not `.` or `..`'),
    )
    .optional(),
  /** Team responsible for keeping the page true. @example "platform-team" */
  owner: groupName,
  /** When a person last confirmed the page is right. @example 2026-03-31 */
  'last-reviewed': isoDateSchema,
  /** Review interval overriding the collection default (`90d`, `6w`, `6m`, `1y`). */
  'review-every': durationSchema.optional(),
  /** Services the page is about; the folder of a runbook is always one of them. */
  services: groupList.optional(),
  /** Free grouping for browsing and filters. */
  tags: groupList.optional(),
  /** `draft` pages are not built or indexed; `deprecated` pages show a banner. @default "active" */
  status: z.enum(['active', 'draft', 'deprecated']).default('active'),
  /** Where readers of a deprecated page should go, as a path under the content folder. @example "runbooks/dns/pod-dns-lookups-slow.md" */
  'superseded-by': nonEmpty.optional(),
  /**
   * A path's reason to exist, written as the story it serves.
   * @example "As a new on-call engineer, I want to handle my first DNS page"
   */
  goal: nonEmpty.optional(),
  /**
   * Makes the page a guided path: the pages to read, in order, as source links from this page,
   * each with an optional one-line why. Every step page then shows "Step 3 of 7" when reached
   * from the path.
   * @example [{ "page": "../runbooks/dns/pod-dns-lookups-slow.md", "why": "the page you will get first" }]
   */
  steps: z
    .array(
      z.union([nonEmpty.transform((page) => ({ page })), z.object({ page: nonEmpty, why: nonEmpty.optional() }).strict()], {
        errorMap: (issue, ctx) => ({
          message: issue.code === 'invalid_union' ? 'Expected a source link, or `page:` with an optional `why:`' : ctx.defaultError,
        }),
      }),
    )
    .min(1, 'Expected at least one step')
    .optional(),
};

/** Frontmatter of a guide: narrative documentation, symptoms optional. */
export const guideSchema = z.object(baseShape).strict();

/** Frontmatter of a runbook: like a guide, but at least one symptom is required. */
export const runbookSchema = z
  .object({
    ...baseShape,
    symptoms: z
      .union([nonEmpty, stringList.min(1, 'Expected at least one symptom')], {
        errorMap: (issue, ctx) =>
          issue.code === 'invalid_union' || issue.code === 'invalid_type'
            ? { message: ctx.data === undefined ? 'Required' : 'Expected a text or a list of texts' }
            : { message: ctx.defaultError },
      })
      .transform((value) => (typeof value === 'string' ? [value] : value)),
  })
  .strict();

export type Frontmatter = z.output<typeof guideSchema>;
export type RunbookFrontmatter = z.output<typeof runbookSchema>;

/** Every key the frontmatter may hold, for did-you-mean hints and the JSON Schema. */
export const FRONTMATTER_KEYS = Object.keys(baseShape);

/** The schema that applies to pages of a collection. */
export function schemaFor(collection: Collection): typeof guideSchema | typeof runbookSchema {
  return collection === 'runbooks' ? runbookSchema : guideSchema;
}
