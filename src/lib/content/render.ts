import { createMarkdownProcessor, type AstroMarkdownOptions } from '@astrojs/markdown-remark';
import type { Root as MdastRoot } from 'mdast';
import { pathToFileURL } from 'node:url';
import type { Processor } from 'unified';
import { SITE_PLUGIN, siteMarkdownConfig, type SitePipelineOptions } from './pipeline.js';

/**
 * What a thread other than Astro's needs to render a `.md` page exactly as Astro's Markdown entry
 * type does (`getRenderFunction` in astro/dist/vite-plugin-markdown/content-entry-type.js): Astro's
 * resolved `image` and `markdown` settings without the plugin lists (functions cannot be sent to a
 * thread), and the options the site's plugins were made from (`siteMarkdownConfig`), from which
 * the thread makes the same plugins again. Only made when the resolved plugin lists are exactly the
 * site's (see `renderSettingsOf`).
 */
export interface RenderSettings {
  image: unknown;
  markdown: Omit<AstroMarkdownOptions, 'remarkPlugins' | 'rehypePlugins'>;
  site: SitePipelineOptions;
}

/** The processor's result for one page, as Astro's Markdown processor returns it. */
export interface RenderedMarkdown {
  code: string;
  metadata: {
    headings: { depth: number; slug: string; text: string }[];
    localImagePaths: string[];
    remoteImagePaths: string[];
  };
}

/** A plugin list, remark's or rehype's: only identities and options are compared. */
type PluginList = readonly unknown[];

/**
 * The same plugin: the same function, or one of the site's own plugins in another copy of its
 * module (Astro's configuration comes from a prebuilt bundle, a test imports the sources), which
 * carries the same name (`SITE_PLUGIN`). A plugin of anyone else is only ever itself.
 */
function samePlugin(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const name = (plugin: unknown) => (typeof plugin === 'function' ? (plugin as { [SITE_PLUGIN]?: string })[SITE_PLUGIN] : undefined);
  return name(a) !== undefined && name(a) === name(b);
}

/** True when two plugin lists hold the same plugins, in the same order, with equal options. */
function samePlugins(resolved: PluginList, site: PluginList): boolean {
  const parts = (entry: unknown): unknown[] => (Array.isArray(entry) ? [entry[0], entry[1]] : [entry, undefined]);
  return (
    resolved.length === site.length &&
    resolved.every((entry, index) => {
      const [plugin, options] = parts(entry);
      const [own, ownOptions] = parts(site[index]);
      return samePlugin(plugin, own) && JSON.stringify(options) === JSON.stringify(ownOptions);
    })
  );
}

/**
 * The settings another thread renders with, from Astro's resolved configuration; undefined when the
 * configuration holds anything that thread could not make again (a plugin another integration
 * added, a plugin given by name), so only Astro renders the pages.
 */
export function renderSettingsOf(
  config: { image: unknown; markdown: AstroMarkdownOptions },
  site: SitePipelineOptions,
): RenderSettings | undefined {
  const { remarkPlugins = [], rehypePlugins = [], ...markdown } = config.markdown;
  const own = siteMarkdownConfig(site);
  if (!samePlugins(remarkPlugins, own.remarkPlugins) || !samePlugins(rehypePlugins, own.rehypePlugins))
    return undefined;
  try {
    // What a worker thread receives is a structured clone: anything that would not survive it rules the thread out.
    return structuredClone({ image: config.image, markdown, site });
  } catch {
    return undefined;
  }
}

/**
 * A renderer of `.md` page bodies made from `settings`: Astro's own processor with the site's
 * plugins. `filePath` is the page's absolute path (plugins resolve relative links from it);
 * `frontmatter` is what the plugins see as the page's frontmatter.
 */
export async function createPageRenderer(
  settings: RenderSettings,
): Promise<(body: string, frontmatter: Record<string, unknown>, filePath: string, tree?: MdastRoot) => Promise<RenderedMarkdown>> {
  const plugins = siteMarkdownConfig(settings.site);
  /** Trees already parsed from the body about to be rendered, by file path (see `remarkParsedTree`). */
  const parsed = new Map<string, MdastRoot>();
  const processor = await createMarkdownProcessor({
    image: settings.image,
    ...settings.markdown,
    remarkPlugins: [[remarkParsedTree, parsed], ...plugins.remarkPlugins],
    rehypePlugins: plugins.rehypePlugins,
  } as AstroMarkdownOptions);
  return async (body, frontmatter, filePath, tree) => {
    if (tree) parsed.set(filePath, tree);
    try {
      const result = await processor.render(body, { frontmatter, fileURL: pathToFileURL(filePath) } as never);
      return { code: result.code, metadata: result.metadata };
    } finally {
      parsed.delete(filePath);
    }
  };
}

/**
 * Lets the processor take a tree parsed elsewhere, instead of parsing the body again: the tree
 * remark-parse and GFM made of exactly this body (the health check's parse, `parsePage`), handed
 * over by file path. It adds no transform: the processor's steps run on that tree as they would
 * on its own. unified parses synchronously when a render starts, so the tree is taken at once.
 */
function remarkParsedTree(this: Processor, parsed: Map<string, MdastRoot>): void {
  const parse = this.parser;
  if (!parse) return;
  this.parser = (document, file) => {
    const tree = file.path ? parsed.get(file.path) : undefined;
    if (!tree) return parse(document, file);
    parsed.delete(file.path);
    return tree;
  };
}
