import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The folder of the site's own code (`src/`, `node_modules/`): where allow-listed components
 * live, whichever knowledge base (`--root`) is being checked. Found through the installed
 * dependencies, so it holds for the sources, the prebuilt command-line bundle and the build.
 */
export function codeRoot(): string {
  return join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), '..', '..');
}
