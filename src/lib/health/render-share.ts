import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { ContentEntry } from '../content/files.js';
import { splitFrontmatter } from '../content/frontmatter.js';
import { createPageRenderer, type RenderedMarkdown, type RenderSettings } from '../content/render.js';
import type { ParsedBody } from './analyse.js';
import { isPublished, type PageFacts } from './facts.js';

/**
 * Rendering in the health check's worker threads, from the check's own parse.
 *
 * In a build, the check reads every page in worker threads while Astro renders them on its main
 * thread, and both parse each page: the parse is two thirds of the check's time, and the two
 * threads compete for the same two cores. So in a build the worker that parsed a `.md` page for
 * the check also renders it: Astro's own Markdown processor with the site's plugins (made from
 * the same options, `createPageRenderer`), fed the tree the check's parser made of the same body
 * instead of parsing it again. The content loader stores what the worker rendered and renders a
 * page itself only when the worker did not (an MDX page, a cached one, a render that failed) or
 * rendered other bytes than the loader read (`StartedCheck.takeRender` compares them with the
 * check's own key of the file). A page is the same bytes whoever renders it
 * (test/integration/render-share.test.ts).
 */

interface Renderer {
  render: Awaited<ReturnType<typeof createPageRenderer>>;
  /** Absolute path of the content folder, as the loader joins it. */
  contentRoot: string;
}

/**
 * The worker's side: waits for the build's Markdown settings; undefined when it is not to render,
 * or when no renderer can be made of them (the check goes on, and Astro renders every page).
 */
export function receiveRenderSettings(port: MessagePort): Promise<Renderer | undefined> {
  return new Promise((resolve) => {
    port.once('message', ({ render }: { render?: RenderSettings }) => {
      if (!render) resolve(undefined);
      else
        createPageRenderer(render).then(
          (made) => resolve({ render: made, contentRoot: render.site.contentRoot }),
          () => resolve(undefined),
        );
    });
  });
}

/**
 * Renders a page the check has just read, when the site publishes it as Markdown, from the
 * check's tree; undefined otherwise, or when the render fails (the build then renders the page
 * itself, and reports the error as it does for any page).
 */
export async function renderPage(
  { render, contentRoot }: Renderer,
  job: { entry: ContentEntry; bytes?: Uint8Array },
  facts: PageFacts,
  parsed: ParsedBody,
): Promise<RenderedMarkdown | undefined> {
  if (!isPublished(facts) || facts.mdx || job.bytes === undefined) return undefined;
  // Decoded as the content loader reads the file (`readFileSync(path, 'utf8')`).
  const source = Buffer.from(job.bytes).toString('utf8');
  const { body } = splitFrontmatter(source);
  // The check's tree only if it parsed this very body; otherwise the processor parses it.
  const tree = parsed.body === body ? parsed.tree : undefined;
  return render(body, facts.data ?? {}, join(contentRoot, facts.contentPath), tree).catch(() => undefined);
}
