import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

/**
 * Every Markdown page of the corpus, read by Astro's own glob loader. `BENCH_CONTENT_DIR` is the
 * corpus's `content/` folder (scripts/bench-build.ts sets it); `.mdx` pages are left out, as this
 * site has no MDX integration.
 */
export const collections = {
  pages: defineCollection({
    loader: glob({ pattern: '**/*.md', base: process.env.BENCH_CONTENT_DIR ?? './content' }),
  }),
};
