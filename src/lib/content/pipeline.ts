import type { PluggableList } from 'unified';
import { rehypeSanitizeRaw } from './html-policy.js';
import remarkCodeLanguage from './remark/code-language.js';
import remarkContentPolicy, { type PolicyOptions } from './remark/content-policy.js';
import remarkPlaceholders from './remark/placeholders.js';
import remarkSourceLinks, { rehypeSourceLinks } from './remark/source-links.js';
import { rehypeRefuseAttributeBreakout } from './unescaped-attributes.js';

/**
 * The name of each of the site's own plugins, on the function: Astro's configuration is loaded
 * from a prebuilt bundle (scripts/lib/bundle.mjs `loadSiteConfig`) while other code (a test, a
 * site configured through Vite's loader) has its own copy of these modules, so the same plugin
 * is not always the same function object. `renderSettingsOf` recognises the site's plugins by it.
 */
export const SITE_PLUGIN = Symbol.for('runbook-kb.site-plugin');
const named: Record<string, object> = {
  remarkContentPolicy,
  remarkCodeLanguage,
  remarkPlaceholders,
  remarkSourceLinks,
  rehypeSanitizeRaw,
  rehypeSourceLinks,
  rehypeRefuseAttributeBreakout,
};
for (const [name, plugin] of Object.entries(named)) Object.defineProperty(plugin, SITE_PLUGIN, { value: name });

export interface SitePipelineOptions extends PolicyOptions {
  /** Absolute path of the content folder. */
  contentRoot: string;
  /** Astro `base`. */
  base: string;
}

/**
 * The plugins the site adds to Astro's Markdown and MDX pipelines (after Astro's own GFM and
 * smartypants steps). The checker runs the same content-changing plugins, in the same order
 * (`structureRemarkPlugins`, `structureRehypePlugins`), so links and heading ids agree.
 */
export function siteMarkdownConfig(options: SitePipelineOptions): { remarkPlugins: PluggableList; rehypePlugins: PluggableList } {
  return {
    remarkPlugins: [
      // First: a page the policy refuses never gets further, in dev as in build.
      [remarkContentPolicy, options],
      // Before Shiki sees a code block's language (it changes no link or heading).
      remarkCodeLanguage,
      ...structureRemarkPlugins,
      [remarkSourceLinks, { contentRoot: options.contentRoot, base: options.base }],
    ],
    rehypePlugins: [
      ...structureRehypePlugins,
      [rehypeSourceLinks, { contentRoot: options.contentRoot, base: options.base }],
      // Last: nothing written into an MDX page's attributes after it.
      rehypeRefuseAttributeBreakout,
    ],
  };
}

/** Remark plugins that change what a page renders (its links and headings). */
export const structureRemarkPlugins: PluggableList = [remarkPlaceholders];

/** Rehype plugins that change what a page renders; they run before highlighting and heading ids. */
export const structureRehypePlugins: PluggableList = [rehypeSanitizeRaw];
