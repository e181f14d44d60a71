// The second half of `npm run build` (scripts/build.sh): the search index of the site Astro has
// just written, once Astro has exited, so Pagefind's memory does not stack on Astro's heap.
//
// Usage: node scripts/kb.mjs index-site <request.json>
// The request is what the integration wrote to KB_INDEX_AFTER_BUILD: the folder Astro wrote the
// site to and Astro's cache folder, both as Astro resolved them from its options.
import { readFileSync } from 'node:fs';
import { indexSite } from '../src/integrations/pagefind.js';

/** The folder the build asked to have indexed and Astro's cache folder. */
function requestedSite(request: string): { siteDir: string; cacheDir?: string } {
  const { siteDir, cacheDir } = JSON.parse(readFileSync(request, 'utf8')) as { siteDir?: unknown; cacheDir?: unknown };
  if (typeof siteDir !== 'string') throw new Error(`${request} names no site folder`);
  return { siteDir, cacheDir: typeof cacheDir === 'string' ? cacheDir : undefined };
}

async function main(): Promise<void> {
  const request = process.argv[2];
  if (request === undefined) throw new Error('expected the index request file written by the build');
  const site = requestedSite(request);
  const time = new Date().toTimeString().slice(0, 8);
  process.stdout.write(`${time} [runbook-kb] ${await indexSite(site.siteDir, site.cacheDir)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Build failed while writing the search index: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
