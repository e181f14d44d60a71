/**
 * A knowledge base outside the project's own `content/` that builds with the project's site code:
 * the generated corpora of the benchmarks and of the tests, and imported sites.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { generateCorpus, type GeneratedCorpus, type GenerateOptions } from './generate.js';

/** The project this script belongs to. */
const PROJECT = resolve(import.meta.dirname, '../..');

/**
 * Writes `<root>/astro.config.mjs`: the site of the code at `code` (default this project) with
 * `title`, and the settings of `<root>/<settingsFile>` when given. Loaded as the project's own
 * `astro.config.mjs` loads it (`loadSiteConfig`, prebuilt), so a benchmark measures what users
 * run; code from before `loadSiteConfig` (a comparison with an older checkout) is imported as
 * TypeScript, through Astro's Vite loader.
 */
export function writeSiteConfig(root: string, title: string, options: { code?: string; settingsFile?: string } = {}): void {
  const code = options.code ?? PROJECT;
  const from = (path: string) => {
    const relativePath = relative(root, join(code, path)).split('\\').join('/');
    return relativePath.startsWith('.') ? relativePath : `./${relativePath}`;
  };
  const bundled = readFileSync(join(code, 'scripts/lib/bundle.mjs'), 'utf8').includes('export async function loadSiteConfig(');
  const lines = bundled
    ? [
        "import { URL } from 'node:url';",
        "import { defineConfig } from 'astro/config';",
        `import { loadSiteConfig } from '${from('scripts/lib/bundle.mjs')}';`,
        `const settings = ${options.settingsFile ? `new URL('./${options.settingsFile}', import.meta.url)` : 'undefined'};`,
        `export default defineConfig(await loadSiteConfig(settings, { title: ${JSON.stringify(title)} }));`,
      ]
    : [
        "import { defineConfig } from 'astro/config';",
        `import { resolveKbConfig } from '${from('src/lib/shared/config.ts')}';`,
        `import { siteConfig } from '${from('src/integrations/site-config.ts')}';`,
        options.settingsFile ? `import settings from './${options.settingsFile}';` : 'const settings = {};',
        `export default defineConfig(siteConfig(resolveKbConfig({ ...settings, title: ${JSON.stringify(title)} })));`,
      ];
  writeFileSync(join(root, 'astro.config.mjs'), [...lines, ''].join('\n'));
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
