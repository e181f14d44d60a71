import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { splitFrontmatter } from '../lib/content/frontmatter';
import type { Collection } from '../lib/content/schema';
import { collectionOf } from '../lib/content/files';
import type { RenderedMarkdown } from '../lib/content/render';
import { isPublished, type PageFacts } from '../lib/health/facts';
import { resolveToday } from '../lib/health/freshness';
import * as analysis from '../lib/health/analyse';
import { runHealthCheck, sharedCheck, type StartedCheck } from '../lib/health/run-check';
import { printable } from '../lib/shared/printable';
import { kb } from './kb';

type RenderFunction = (entry: {
  id: string;
  data: Record<string, unknown>;
  body: string;
  filePath: string;
  digest: string;
}) => Promise<unknown>;

/**
 * The content loader: Astro reads exactly the pages the checker published (`isPublished`), with
 * the frontmatter the checker read, never a file it refused. It replaces `glob()`, which would
 * follow symlinks, parse frontmatter with its own YAML reader and load every matching file.
 * In dev, a changed file is judged again before it replaces the old entry.
 */
export function kbLoader(collection: Collection): Loader {
  return {
    name: 'runbook-kb-content',
    load: async (context) => {
      await syncCollection(collection, context);
      watchContent(collection, context);
    },
  };
}

/**
 * Re-syncs after content changes, one sync at a time. An editor that truncates a file before
 * writing it produces two change events in quick succession, and the watcher may drop the second:
 * so each burst of events ends with one more sync once things are quiet, which reads the files as
 * they finally are.
 */
function watchContent(collection: Collection, context: LoaderContext): void {
  const contentRoot = join(fileURLToPath(context.config.root), kb.contentDir);
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();
  const queue = (delay: number, settle: boolean) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      chain = chain
        .then(() => syncCollection(collection, context))
        .catch((error: unknown) => context.logger.error((error as Error).message))
        .then(() => {
          if (settle) queue(400, false);
        });
    }, delay);
  };
  context.watcher?.on('all', (_event, path) => {
    if (!path.startsWith(contentRoot)) return;
    generation += 1;
    queue(50, true);
  });
}

// Both collections read one check of the content folder; a content change starts a new one.
let generation = 0;
let shared: { generation: number; facts: Promise<PageFacts[]> } | undefined;

function contentFacts(root: string): Promise<PageFacts[]> {
  if (shared?.generation !== generation) {
    shared = {
      generation,
      facts: runHealthCheck({ root, config: kb, today: resolveToday(), git: false, analysis }).then((checked) => checked.facts),
    };
  }
  return shared.facts;
}

/**
 * The pages of `collection` with their facts, in the content folder's order. In a build, from the
 * check the integration started: each page is handed over as soon as the checker has read it (and
 * its worker has rendered it, see `storePage`), so pages are stored while the rest are still being
 * read. Otherwise (`astro sync`, dev, after an edit) from a check of its own.
 */
async function* collectionFacts(collection: Collection, root: string, started: StartedCheck | undefined): AsyncGenerator<PageFacts> {
  if (started) {
    for (const entry of started.entries) {
      if (entry.kind === 'page' && collectionOf(entry.contentPath) === collection) yield await started.factsOf(entry.contentPath)!;
    }
    return;
  }
  for (const page of await contentFacts(root)) if (page.collection === collection) yield page;
}

async function syncCollection(collection: Collection, context: LoaderContext): Promise<void> {
  const { store, config, logger } = context;
  const root = fileURLToPath(config.root);
  const kept = new Set<string>();
  const counts = { rendered: 0, shared: 0, unchanged: 0 };
  const started = generation === 0 ? sharedCheck(root) : undefined;
  for await (const page of collectionFacts(collection, root, started)) {
    // Say why a page is missing: in dev the refusal is the only trace of an edit that broke the policy.
    if (page.refused) {
      const first = page.findings.find((finding) => finding.severity === 'error');
      if (first)
        logger.error(`${printable(first.file)}:${first.line}:${first.column}: ${first.message} [${first.rule}]; the page is left out`);
    }
    if (!isPublished(page)) continue;
    const id = page.contentPath.slice(collection.length + 1).replace(/\.(md|mdx)$/, '');
    kept.add(id);
    try {
      counts[await storePage(id, page, root, context, started)] += 1;
    } catch (error) {
      logger.error(printable(`${page.file}: ${(error as Error).message}`));
    }
  }
  for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
  // Why a build is slow or fast: pages rendered now, and pages kept from the last build's store.
  const pages = (count: number) => `${count} ${count === 1 ? 'page' : 'pages'}`;
  const { shared, unchanged } = counts;
  const inWorkers = shared > 0 ? `; ${shared} of them rendered by the health check's worker threads` : '';
  logger.info(`${collection}: ${pages(counts.rendered + shared)} rendered, ${pages(unchanged)} unchanged since the last build${inWorkers}`);
}

/**
 * Puts one page in the store: `rendered` here, `shared` as a worker of `check` rendered it, or
 * `unchanged` when the store already holds it from the same source.
 */
async function storePage(
  id: string,
  page: PageFacts,
  root: string,
  context: LoaderContext,
  check: StartedCheck | undefined,
): Promise<'rendered' | 'shared' | 'unchanged'> {
  const { store } = context;
  const filePath = join(root, page.file);
  const bytes = readFileSync(filePath);
  const source = bytes.toString('utf8');
  const relativePath = relative(root, filePath).split('\\').join('/');
  // The file's name is part of what makes the page: `a.md` renamed `a.mdx` keeps its id and its
  // bytes, but is compiled as MDX (and the other way round, a kept MDX entry names a lost file).
  // The store refuses an update with the digest it holds, so the name goes into the digest.
  const digest = context.generateDigest(`${relativePath}\0${source}`);
  const existing = store.get(id);
  if (existing?.digest === digest) {
    // A worker's render of it (the check's cache was cold, the store was not) is let go.
    void check?.takeRender(page.contentPath, bytes);
    // Unchanged since the last build: MDX pages still need their module registered for rendering.
    if (existing.deferredRender && existing.filePath) store.addModuleImport(existing.filePath);
    return 'unchanged';
  }
  // The checker's validated frontmatter; the collection schema accepts it unchanged.
  const data = await context.parseData({ id, data: page.data ?? {}, filePath });
  if (page.mdx) {
    store.set({ id, data, filePath: relativePath, digest, deferredRender: true });
    return 'rendered';
  }
  // A page the check's worker rendered from these very bytes (the same processor and plugins) is
  // taken as it is; otherwise Astro's renderer renders it here.
  const shared = await check?.takeRender(page.contentPath, bytes);
  let rendered: Rendered;
  if (shared) rendered = asAstroRendered(shared, data);
  else {
    // The body keeps its line numbers (the frontmatter is blanked, not cut), as Astro's own reader does.
    const { body } = splitFrontmatter(source);
    const render = await markdownRenderer(context);
    rendered = (await render({ id, data, body, filePath, digest })) as Rendered;
  }
  // The Markdown source stays out of the store: no page reads `entry.body`, and the store is
  // held in memory and bundled into the server build whole (at 2,000 pages 25.4 → 18.6 MB).
  store.set({ id, data, filePath: relativePath, digest, rendered });
  return shared ? 'shared' : 'rendered';
}

type Rendered = Parameters<LoaderContext['store']['set']>[0]['rendered'];

/** A worker's render as Astro's Markdown entry type returns it (same keys, same order), with the page's parsed frontmatter. */
function asAstroRendered(result: RenderedMarkdown, data: Record<string, unknown>): Rendered {
  const { headings, localImagePaths, remoteImagePaths } = result.metadata;
  return {
    html: result.code,
    metadata: { headings, localImagePaths, remoteImagePaths, frontmatter: data, imagePaths: localImagePaths.concat(remoteImagePaths) },
  };
}

const renderers = new WeakMap<object, Promise<RenderFunction>>();

/** Astro's Markdown renderer for content entries, with the site's remark and rehype plugins. */
function markdownRenderer(context: LoaderContext): Promise<RenderFunction> {
  const entryTypes = (
    context as LoaderContext & { entryTypes: Map<string, { getRenderFunction(config: unknown): Promise<RenderFunction> }> }
  ).entryTypes;
  const type = entryTypes.get('.md');
  if (!type) throw new Error('Astro has no Markdown entry type');
  let render = renderers.get(type);
  if (!render) {
    render = type.getRenderFunction(context.config);
    renderers.set(type, render);
  }
  return render;
}
