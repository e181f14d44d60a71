import type { FileRule, Rule, SiteRule } from './rule.js';
import alertRuleGone from './rules/alert-rule-gone.js';
import alertRulesInvalid from './rules/alert-rules-invalid.js';
import alertWithoutRunbook from './rules/alert-without-runbook.js';
import blockTooLong from './rules/block-too-long.js';
import calloutType from './rules/callout-type.js';
import codeLanguage from './rules/code-language.js';
import contentConfig from './rules/content-config.js';
import danglingLink from './rules/dangling-link.js';
import deprecatedLink from './rules/deprecated-link.js';
import duplicateAlert from './rules/duplicate-alert.js';
import duplicateSymptom from './rules/duplicate-symptom.js';
import duplicateTitle from './rules/duplicate-title.js';
import frontmatterFormat from './rules/frontmatter-format.js';
import frontmatterLanguage from './rules/frontmatter-language.js';
import futureReviewDate from './rules/future-review-date.js';
import invalidUtf8 from './rules/invalid-utf8.js';
import mdxAttribute from './rules/mdx-attribute.js';
import mdxComponent from './rules/mdx-component.js';
import mdxEsm from './rules/mdx-esm.js';
import mdxExpression from './rules/mdx-expression.js';
import mdxSyntax from './rules/mdx-syntax.js';
import misplacedFile from './rules/misplaced-file.js';
import nameCollision from './rules/name-collision.js';
import nestingTooDeep from './rules/nesting-too-deep.js';
import neverReviewed from './rules/never-reviewed.js';
import orphanPage from './rules/orphan-page.js';
import pathStepDeprecated from './rules/path-step-deprecated.js';
import pathStepMissing from './rules/path-step-missing.js';
import pathStepStale from './rules/path-step-stale.js';
import pageTooLarge from './rules/page-too-large.js';
import removedHtml from './rules/removed-html.js';
import runbookUrlBroken from './rules/runbook-url-broken.js';
import reviewDueSoon from './rules/review-due-soon.js';
import schema from './rules/schema.js';
import stalePage from './rules/stale-page.js';
import supersededByCycle from './rules/superseded-by-cycle.js';
import supersededByMissing from './rules/superseded-by-missing.js';
import symlink from './rules/symlink.js';
import unclosedFence from './rules/unclosed-fence.js';
import unknownKey from './rules/unknown-key.js';
import unsafeHtml from './rules/unsafe-html.js';
import yamlLimit from './rules/yaml-limit.js';
import yamlSyntax from './rules/yaml-syntax.js';

/**
 * Every rule of the health check, one module each. `check`, the build, `/health`, the home page
 * and `npm run report` read this list, so a rule is one new file plus one line here.
 */
export const RULES: readonly Rule[] = [
  // Files and folders
  symlink,
  contentConfig,
  misplacedFile,
  // Limits, before any parse
  pageTooLarge,
  nestingTooDeep,
  blockTooLong,
  invalidUtf8,
  // Frontmatter
  frontmatterLanguage,
  frontmatterFormat,
  yamlSyntax,
  yamlLimit,
  schema,
  unknownKey,
  // Body
  mdxSyntax,
  mdxExpression,
  mdxEsm,
  mdxComponent,
  mdxAttribute,
  unsafeHtml,
  removedHtml,
  unclosedFence,
  codeLanguage,
  calloutType,
  // Across pages
  danglingLink,
  orphanPage,
  stalePage,
  neverReviewed,
  reviewDueSoon,
  futureReviewDate,
  duplicateTitle,
  duplicateAlert,
  duplicateSymptom,
  supersededByMissing,
  supersededByCycle,
  deprecatedLink,
  pathStepMissing,
  pathStepDeprecated,
  pathStepStale,
  nameCollision,
  // Alert coverage, against the Prometheus rule files of `alertRules`
  alertRulesInvalid,
  alertWithoutRunbook,
  runbookUrlBroken,
  alertRuleGone,
];

export const FILE_RULES: readonly FileRule[] = RULES.filter((rule): rule is FileRule => rule.scope === 'file');
export const SITE_RULES: readonly SiteRule[] = RULES.filter((rule): rule is SiteRule => rule.scope === 'site');

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if there is one. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Ids of every rule, in registry order. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
