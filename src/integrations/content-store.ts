import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeRoot } from '../lib/shared/code-root.js';

/**
 * Astro 5 keeps every rendered page in its content store (`data-store.json` in its cache folder)
 * between builds, and the content loader re-renders only pages whose source changed. Two things
 * decide whether that store can be trusted at the start of a build: that Astro saved it whole,
 * and that it was rendered by the same code and settings as this build would use.
 */

const SERIALISED = Symbol.for('runbook-kb.serialised-store-writes');

interface StorePrototype {
  writeToDisk?: (this: object) => Promise<void>;
  [SERIALISED]?: true;
}

/**
 * Makes each save of Astro's content store wait for the one before it.
 *
 * Astro saves the store in the background, 500 ms after the last change. When a save starts while
 * an earlier one is still being written (a store of tens of megabytes takes a while), Astro queues
 * it but then writes the earlier save's data a second time (`#writeFileAtomic` retries with the
 * data it was first called with; withastro/astro#15672, every Astro up to 5.18.2). The newest
 * entries are lost, and the build bundles the old store: measured, an edited runbook kept its old
 * text on a 2,000-page site. Queued here, each save serialises the store as it is when it starts,
 * so the last save holds every entry. Returns false where Astro's store class cannot be found.
 */
export async function serialiseStoreWrites(): Promise<boolean> {
  let prototype: StorePrototype | undefined;
  try {
    const require = createRequire(import.meta.url);
    const astro = dirname(require.resolve('astro/package.json'));
    // Astro's own instance of the module, through Node's loader: an `import()` here would run
    // through Vite's module runner (which loads the config) and patch a copy Astro never uses.
    // By its place in the project: this code may run from a bundle under node_modules/.cache/.
    const nativeImport = require(join(codeRoot(), 'src', 'integrations', 'native-import.cjs')) as (url: string) => Promise<unknown>;
    const module = (await nativeImport(pathToFileURL(join(astro, 'dist', 'content', 'mutable-data-store.js')).href)) as {
      MutableDataStore?: { prototype: StorePrototype };
    };
    prototype = module.MutableDataStore?.prototype;
  } catch {
    return false;
  }
  const write = prototype?.writeToDisk;
  if (!prototype || typeof write !== 'function') return false;
  if (prototype[SERIALISED]) return true;
  const last = new WeakMap<object, Promise<unknown>>();
  prototype.writeToDisk = function (this: object): Promise<void> {
    const next = (last.get(this) ?? Promise.resolve()).then(() => write.call(this));
    last.set(
      this,
      next.catch(() => undefined),
    );
    return next;
  };
  prototype[SERIALISED] = true;
  return true;
}

/**
 * Prepares Astro's content store for a build. The store is kept when it was rendered by the same
 * code and settings: `version` (the health check's fingerprint of `src/lib`, which holds the
 * Markdown pipeline's plugins, of the parsers and of the settings), the site config, and the bytes
 * of `files` (the lockfile, for the highlighter and every other package that renders; the content
 * loader). Astro itself clears the store when its own version or config changes. Then the loader
 * renders only the pages whose source changed. Otherwise the store is deleted and every page is
 * rendered again; also after any content change (`changed`) if Astro's saves could not be made
 * reliable. Returns whether the store was kept.
 */
export async function prepareContentStore(options: {
  cacheDir: URL;
  version: string;
  settings: object;
  files?: string[];
  changed: boolean;
}): Promise<boolean> {
  const store = new URL('data-store.json', options.cacheDir);
  const stamp = new URL('runbook-kb-store.txt', options.cacheDir);
  const hash = createHash('sha1').update(options.version).update('\0').update(JSON.stringify(options.settings));
  for (const file of options.files ?? []) {
    hash.update('\0').update(file).update('\0');
    hash.update(await readFile(file).catch(() => ''));
  }
  const madeBy = hash.digest('hex');
  const previous = await readFile(stamp, 'utf8').catch(() => undefined);
  const reliable = await serialiseStoreWrites();
  const keep = previous === madeBy && (reliable || !options.changed);
  if (!keep) await rm(store, { force: true });
  await mkdir(options.cacheDir, { recursive: true });
  await writeFile(stamp, madeBy);
  return keep;
}
