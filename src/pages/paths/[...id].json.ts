import type { APIRoute, GetStaticPaths } from 'astro';
import type { PageHealth } from '../../lib/health/engine';
import { href, publishedPages } from '../../site/data';

/**
 * One small JSON per guided path: a step page reached with `?path=<id>` fetches only that one,
 * to show "Step 3 of 7" and the neighbours. No page carries the structure of every path.
 */
export const getStaticPaths: GetStaticPaths = () =>
  publishedPages.filter((page) => page.path).map((page) => ({ params: { id: page.url.replace(/^\/|\/$/g, '') }, props: { page } }));

export const GET: APIRoute = ({ props }) => {
  const page = (props as { page: PageHealth }).page;
  const steps = (page.path?.steps ?? []).filter((step) => step.url).map((step) => ({ title: step.title, url: href(step.url!) }));
  return new Response(JSON.stringify({ title: page.title, url: href(page.url), steps }), {
    headers: { 'Content-Type': 'application/json' },
  });
};
