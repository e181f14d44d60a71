import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveKbConfig, type KbConfig, type KbConfigInput } from './config.js';

const CANDIDATES = ['kb.config.ts', 'kb.config.mjs', 'kb.config.js'];

/** Loads `kb.config.*` from `root` with defaults applied; defaults alone when there is none. */
export async function loadKbConfig(root: string): Promise<KbConfig> {
  const file = CANDIDATES.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) return resolveKbConfig({});
  const module = (await import(pathToFileURL(file).href)) as { default?: KbConfigInput };
  return resolveKbConfig(module.default ?? {});
}
