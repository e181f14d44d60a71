/**
 * A knowledge base outside the project's own `content/` that builds with the project's site code:
 * the generated corpora of the benchmarks and of the tests, and imported sites.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { generateCorpus, type GeneratedCorpus, type GenerateOptions } from './generate.js';

/** The project this script belongs to. */
const PROJECT = resolve(import.meta.dirname, '../..');

/**
 * Writes `<root>/astro.config.mjs`: the site of the code at `code` (default this project) with
 * `title`, and the settings of `<root>/<settingsFile>` when given.
 */
export function writeSiteConfig(root: string, title: string, options: { code?: string; settingsFile?: string } = {}): void {
  const src = relative(root, join(options.code ?? PROJECT, 'src'))
    .split('\\')
    .join('/');
  const settings = options.settingsFile ? `import settings from './${options.settingsFile}';` : 'const settings = {};';
  writeFileSync(
    join(root, 'astro.config.mjs'),
    [
      "import { defineConfig } from 'astro/config';",
      `import { resolveKbConfig } from '${src}/lib/shared/config.ts';`,
      `import { siteConfig } from '${src}/integrations/site-config.ts';`,
      settings,
      `export default defineConfig(siteConfig(resolveKbConfig({ ...settings, title: ${JSON.stringify(title)} })));`,
      '',
    ].join('\n'),
  );
}

/**
 * A generated knowledge base at `root` (`generateCorpus`) that builds with the code at `code`:
 * its `src` linked next to it (its MDX pages import `/src/components/Callout.astro`, rooted at the
 * project the corpus sits in) and its `astro.config.mjs`.
 */
export function generateSite(root: string, options: GenerateOptions & { title: string; code?: string }): GeneratedCorpus {
  const corpus = generateCorpus(root, options);
  symlinkSync(join(options.code ?? PROJECT, 'src'), join(root, 'src'));
  writeSiteConfig(root, options.title, { code: options.code, settingsFile: 'kb.config.mjs' });
  return corpus;
}
