import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import type { Preset } from 'unified';
import { loadKbConfig } from '../lib/shared/load-config.js';
import mdxPolicy from './mdx-policy.js';
import remarkMdxByExtension from './mdx-by-extension.js';
import noInternalAbsoluteUrl from './no-internal-absolute-url.js';
import runbookSections from './runbook-sections.js';
import runbookSymptoms from './runbook-symptoms.js';
import { lintSettings } from './settings.js';

/**
 * The remark configuration of `npm run lint`, the editor extension and the tests: content parsed
 * the way the site renders it (frontmatter, GFM, MDX for `.mdx`), remark-lint's recommended
 * rules and the project's rules, with settings from `kb.config.ts` in `root`.
 */
export async function lintPreset(root: string): Promise<Preset> {
  const settings = lintSettings(root, await loadKbConfig(root));
  return {
    plugins: [
      remarkFrontmatter,
      remarkGfm,
      remarkMdxByExtension,
      remarkPresetLintRecommended,
      [runbookSections, settings],
      [runbookSymptoms, settings],
      [mdxPolicy, settings],
      [noInternalAbsoluteUrl, settings],
    ],
  };
}
