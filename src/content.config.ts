import { defineCollection } from 'astro:content';
import { guideSchema, runbookSchema } from './lib/content/schema';
import { kbLoader } from './site/loader';

// Entry ids keep the file path (without extension) so URLs follow the files; see src/lib/shared/paths.ts.
// The loader hands Astro exactly the pages the checker published; see src/site/loader.ts.
export const collections = {
  runbooks: defineCollection({ loader: kbLoader('runbooks'), schema: runbookSchema }),
  guides: defineCollection({ loader: kbLoader('guides'), schema: guideSchema }),
};
