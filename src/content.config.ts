import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { guideSchema, runbookSchema } from './lib/content/schema';
import { kb } from './site/kb';

// Entry ids keep the file path (without extension) so URLs follow the files; see src/lib/paths.ts.
const generateId = ({ entry }: { entry: string }) => entry.replace(/\.(md|mdx)$/i, '');

export const collections = {
  runbooks: defineCollection({
    loader: glob({ pattern: '**/[^_.]*.{md,mdx}', base: `./${kb.contentDir}/runbooks`, generateId }),
    schema: runbookSchema,
  }),
  guides: defineCollection({
    loader: glob({ pattern: '**/[^_.]*.{md,mdx}', base: `./${kb.contentDir}/guides`, generateId }),
    schema: guideSchema,
  }),
};
