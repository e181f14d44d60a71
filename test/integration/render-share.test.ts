/**
 * A build renders its `.md` pages in the health check's worker threads, from the tree the check
 * parsed (src/lib/health/render-share.ts), instead of with Astro's Markdown entry type on the main
 * thread. Either way a page must be the same bytes. This test resolves each fixture site's
 * configuration with Astro itself (`astro sync`, the site's own `astro.config.mjs`), then renders
 * every page twice: as Astro's `.md` entry type does (`createMarkdownProcessor` with the resolved
 * `image` and `markdown` settings), and as the worker does (the check's analysis, then
 * `renderPage` with the settings the build would hand over). HTML and metadata must be equal,
 * and the worker must have used the check's tree for every page it rendered.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { AstroConfig, AstroIntegration } from 'astro';
import { sync } from 'astro';
import { describe, expect, it } from 'vitest';
import { listContent } from '../../src/lib/content/files.js';
import { splitFrontmatter } from '../../src/lib/content/frontmatter.js';
import { siteMarkdownConfig } from '../../src/lib/content/pipeline.js';
import { createPageRenderer, renderSettingsOf } from '../../src/lib/content/render.js';
import { analyseEntry, type ParsedBody } from '../../src/lib/health/analyse.js';
import { isPublished } from '../../src/lib/health/facts.js';
import { renderPage } from '../../src/lib/health/render-share.js';
import { analysisSettings } from '../../src/lib/health/run-check.js';
import { codeRoot } from '../../src/lib/shared/code-root.js';
import { resolveKbConfig, type KbConfig } from '../../src/lib/shared/config.js';
import { generateSite, writeSiteConfig } from '../../scripts/bench/site.js';
import { createGenerated, removeGenerated, type Generated } from '../fixtures/hostile/generate.js';
import { buildSite } from './helpers.js';

/** Astro's configuration of the site at `root`, as its `astro:config:done` hook receives it. */
async function resolvedConfig(root: string): Promise<AstroConfig> {
  let resolved: AstroConfig | undefined;
  const capture: AstroIntegration = {
    name: 'test:capture-config',
    hooks: {
      'astro:config:done': ({ config }) => {
        resolved = config;
      },
    },
  };
  await sync({ root, logLevel: 'error', integrations: [capture] });
  if (!resolved) throw new Error(`astro sync did not resolve the configuration of ${root}`);
  return resolved;
}

async function kbConfigOf(root: string): Promise<KbConfig> {
  const settings = ((await import(pathToFileURL(join(root, 'kb.config.ts')).href)) as { default: Parameters<typeof resolveKbConfig>[0] })
    .default;
  return resolveKbConfig(settings);
}

/**
 * Every page of the site at `root` rendered as Astro's `.md` entry type renders it, with the
 * configuration `astro sync` resolves, and as a build's worker renders it from the check's parse.
 */
async function compareRenders(root: string): Promise<void> {
  const config = await resolvedConfig(root);
  const kb = await kbConfigOf(root);
  const pipeline = { contentRoot: join(root, kb.contentDir), base: kb.base, projectRoot: codeRoot(), components: kb.components };
  const settings = renderSettingsOf(config, pipeline);
  // The site's own configuration must be one the workers can render with, or they never do.
  expect(settings).toBeDefined();
  const astro = await createMarkdownProcessor({ image: config.image, ...config.markdown } as never);
  const renderer = { render: await createPageRenderer(structuredClone(settings!)), contentRoot: pipeline.contentRoot };
  const analysis = analysisSettings(root, kb);
  let compared = 0;
  for (const entry of listContent(root, kb.contentDir)) {
    if (entry.kind !== 'page') continue;
    const bytes = readFileSync(join(root, kb.contentDir, entry.contentPath));
    const parsed: ParsedBody = {};
    const facts = analyseEntry(entry, bytes, analysis, parsed);
    // Handing the parse on changes nothing the check finds.
    expect(facts, entry.contentPath).toEqual(analyseEntry(entry, bytes, analysis));
    const shared = await renderPage(renderer, { entry, bytes }, facts, parsed);
    if (!isPublished(facts) || facts.mdx) {
      expect(shared, entry.contentPath).toBeUndefined();
      continue;
    }
    const source = bytes.toString('utf8');
    const { body } = splitFrontmatter(source);
    // The worker rendered from the check's tree, not from a parse of its own.
    expect(parsed.body, entry.contentPath).toBe(body);
    expect(parsed.tree, entry.contentPath).toBeDefined();
    const reference = await astro
      .render(body, { frontmatter: facts.data, fileURL: pathToFileURL(join(root, kb.contentDir, entry.contentPath)) } as never)
      .then(
        (result) => ({ code: result.code, metadata: result.metadata }),
        () => undefined,
      );
    expect(shared?.code, entry.contentPath).toBe(reference?.code);
    expect(shared?.metadata.headings, entry.contentPath).toEqual(reference?.metadata.headings);
    expect(shared?.metadata.localImagePaths, entry.contentPath).toEqual(reference?.metadata.localImagePaths);
    expect(shared?.metadata.remoteImagePaths, entry.contentPath).toEqual(reference?.metadata.remoteImagePaths);
    compared += 1;
  }
  expect(compared).toBeGreaterThan(0);
}

const HOSTILE = resolve('test/fixtures/hostile');

/**
 * A copy of the hostile fixture with its generated cases (10,000-deep lists and blockquotes,
 * symlinks in and out of the folder): made apart, as test/unit/health.test.ts does, so the
 * hostile build test running at the same time keeps the fixture to itself.
 */
function hostileCopy(): { root: string; generated: Generated } {
  const root = resolve('.tmp/render-share-hostile');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const name of ['content', 'kb.config.ts', 'expected.json']) cpSync(join(HOSTILE, name), join(root, name), { recursive: true });
  const generated = createGenerated(root);
  // Its MDX pages import `/src/components/Callout.astro`, rooted at the project.
  symlinkSync(resolve('src'), join(root, 'src'));
  writeSiteConfig(root, 'Hostile fixture KB', { settingsFile: 'kb.config.ts' });
  return { root, generated };
}

const SITES = [
  ['the sample knowledge base', codeRoot()],
  ['the hostile fixture (base /kb/)', HOSTILE],
  ['the tricky fixture', resolve('test/fixtures/site-tricky')],
] as const;

describe('a page rendered in a worker from the check\u2019s tree', () => {
  for (const [name, root] of SITES) {
    it(`is byte for byte what Astro's Markdown entry type renders: ${name}`, { timeout: 120_000 }, async () => {
      if (root !== HOSTILE) return compareRenders(root);
      const copy = hostileCopy();
      try {
        await compareRenders(copy.root);
      } finally {
        removeGenerated(copy.root, undefined, copy.generated);
      }
    });
  }

  it('is only used with exactly the plugins the worker makes again', () => {
    const pipeline = { contentRoot: '/kb/content', base: '/', projectRoot: codeRoot(), components: {} };
    const site = siteMarkdownConfig(pipeline);
    const settingsWith = (markdown: Record<string, unknown>) =>
      renderSettingsOf({ image: {}, markdown: { ...site, ...markdown } as never }, pipeline);
    expect(settingsWith({})).toBeDefined();
    // Another integration's plugin, a plugin named by its package, other options, one plugin fewer.
    const extra = () => () => undefined;
    expect(settingsWith({ remarkPlugins: [...site.remarkPlugins, extra] })).toBeUndefined();
    expect(settingsWith({ rehypePlugins: ['rehype-slug', ...site.rehypePlugins] })).toBeUndefined();
    expect(
      settingsWith({
        remarkPlugins: site.remarkPlugins.map((plugin) =>
          Array.isArray(plugin) ? [plugin[0], { ...plugin[1], base: '/other/' }] : plugin,
        ),
      }),
    ).toBeUndefined();
    expect(settingsWith({ rehypePlugins: site.rehypePlugins.slice(1) })).toBeUndefined();
    // A setting a worker thread cannot receive (a function) keeps the rendering on Astro's side.
    expect(settingsWith({ shikiConfig: { transformers: [{ name: 'x', code: extra }] } })).toBeUndefined();
  });

  it('is what a build of a knowledge base large enough for worker threads publishes', { timeout: 300_000 }, () => {
    const root = resolve('.tmp/render-share-120');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    generateSite(root, { pages: 120, seed: 3, title: 'Generated 120' });
    // Broken links on purpose (the one-run switch builds past them), and a check cache of its own:
    // with every file cached from an earlier run, the workers would have nothing to read.
    const { status, output, outDir } = buildSite(root, undefined, {
      KB_ALLOW_HEALTH_ERRORS: '1',
      KB_CACHE_DIR: join(root, '.check-cache'),
    });
    expect(status, output).toBe(0);
    // Every published `.md` page of a cold build came from the workers; MDX pages Astro compiles itself.
    const markdown = listContent(root, 'content').filter((entry) => entry.kind === 'page' && entry.contentPath.endsWith('.md'));
    const counted = [...output.matchAll(/(\d+) of them rendered by the health check's worker threads/g)].reduce(
      (sum, [, n]) => sum + Number(n),
      0,
    );
    expect(counted).toBeGreaterThan(markdown.length * 0.9);
    expect(counted).toBeLessThanOrEqual(markdown.length);
    // A page's body reached the built page.
    const service = readdirSync(join(root, 'content/runbooks'))[0];
    const file = readdirSync(join(root, 'content/runbooks', service)).find((name) => name.endsWith('.md'))!;
    const heading = /^## (.+)$/m.exec(readFileSync(join(root, 'content/runbooks', service, file), 'utf8'))![1];
    const html = readFileSync(join(outDir, 'runbooks', service, file.replace(/\.md$/, ''), 'index.html'), 'utf8');
    expect(html).toContain(`>${heading}</h2>`);
  });
});
