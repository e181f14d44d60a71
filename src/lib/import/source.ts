import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One file of the source repository, by its path relative to the source folder. */
export interface SourceFile {
  path: string;
  kind: 'page' | 'template' | 'other' | 'symlink';
  bytes: number;
}

/** Folders of other tools that never hold pages: version control, dependencies, build output. */
const IGNORED_DIRS = new Set(['node_modules', 'vendor', 'public', 'dist', 'build', '_site', 'site', 'resources', 'themes', 'layouts']);
const PAGE_FILE = /\.(?:md|markdown|mdx|mdown|mkd)$/i;
/** Templates of other site generators: Hugo archetypes, ERB pages. */
const TEMPLATE = /(?:^|\/)archetypes\/|\.erb$/i;

/** More files than this is not a runbook repository; reading on would only fill the memory. */
export const MAX_SOURCE_FILES = 50_000;

/**
 * Lists the source repository without following symbolic links (a link to `/etc/passwd` or a
 * loop is listed as such, never read). Hidden files and folders (`.git`, `.github`) and the
 * output and theme folders of site generators are left out.
 */
export function listSource(root: string): { files: SourceFile[]; skippedDirs: string[] } {
  const files: SourceFile[] = [];
  const skippedDirs: string[] = [];
  const walk = (prefix: string) => {
    const dirents = readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const dirent of dirents) {
      const path = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
      if (dirent.name.startsWith('.')) continue;
      if (files.length >= MAX_SOURCE_FILES)
        throw new Error(`More than ${MAX_SOURCE_FILES} files under the source folder; import one part of it at a time`);
      if (dirent.isSymbolicLink()) files.push({ path, kind: 'symlink', bytes: 0 });
      else if (dirent.isDirectory()) {
        // A site generator's output or theme folder holds rendered or template copies, not pages.
        if (prefix === '' && IGNORED_DIRS.has(dirent.name)) skippedDirs.push(path);
        else walk(path);
      } else if (dirent.isFile()) {
        const bytes = lstatSync(join(root, path)).size;
        const kind = TEMPLATE.test(path) ? 'template' : PAGE_FILE.test(dirent.name) ? 'page' : 'other';
        files.push({ path, kind, bytes });
      }
    }
  };
  walk('');
  return { files, skippedDirs };
}
