import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { resolveKbConfig, type KbConfig } from '../lib/shared/config.js';
import { collectionOf } from '../lib/content/files.js';
import { codeRoot } from '../lib/shared/code-root.js';

/** What the project's lint rules need from `kb.config.ts`, resolved once by the preset. */
export interface LintSettings {
  /** Project folder: `kb.config.ts`, `src/components/` and the content folder live here. */
  root: string;
  contentDir: string;
  runbookSections: string[];
  /** Public origin of the site (`kb.config` `site`), when set. */
  site?: string;
  base: string;
  /** The site's code folder, where allow-listed components live (see `codeRoot`). */
  codeRoot: string;
  /** `kb.config.ts` `components`: what MDX pages may import. */
  components: Record<string, string>;
}

/** Lint settings from a loaded config. */
export function lintSettings(root: string, config: KbConfig): LintSettings {
  return {
    root,
    contentDir: config.contentDir,
    runbookSections: config.runbookSections,
    site: config.site,
    base: config.base,
    codeRoot: codeRoot(),
    components: config.components,
  };
}

/** The settings a rule runs with: the preset's, or the config defaults rooted at the file's working folder. */
export function settingsFor(options: LintSettings | null | undefined, file: VFile): LintSettings {
  return options ?? lintSettings(file.cwd, resolveKbConfig({}));
}

/** The file's path relative to the content folder (`runbooks/dns/ndots.md`); undefined outside it. */
export function contentPathOf(file: VFile, settings: LintSettings): string | undefined {
  if (!file.path) return undefined;
  const path = relative(resolve(settings.root, settings.contentDir), resolve(file.cwd, file.path));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/** True for runbooks: pages under `<contentDir>/runbooks/`. */
export function isRunbook(file: VFile, settings: LintSettings): boolean {
  const contentPath = contentPathOf(file, settings);
  return contentPath !== undefined && collectionOf(contentPath) === 'runbooks';
}
