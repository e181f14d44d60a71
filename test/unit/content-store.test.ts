import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareContentStore, serialiseStoreWrites } from '../../src/integrations/content-store';

const scratch = mkdtempSync(join(tmpdir(), 'kb-content-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Store {
  set(collection: string, key: string, value: unknown): void;
  writeToDisk(): Promise<void>;
  waitUntilSaveComplete(): Promise<void>;
}

/** Astro's own content store class, the instance Astro's build uses (Node's loader, not Vite's). */
async function astroStoreClass(): Promise<{ fromFile(file: URL): Promise<Store> }> {
  const require = createRequire(import.meta.url);
  const nativeImport = require('../../src/integrations/native-import.cjs') as (url: string) => Promise<unknown>;
  const astro = dirname(require.resolve('astro/package.json'));
  const module = (await nativeImport(pathToFileURL(join(astro, 'dist/content/mutable-data-store.js')).href)) as {
    MutableDataStore: { fromFile(file: URL): Promise<Store> };
  };
  return module.MutableDataStore;
}

describe("Astro's content store", () => {
  it('saves the newest entries when a save starts while a large one is still being written', async () => {
    expect(await serialiseStoreWrites()).toBe(true);
    // Idempotent: a second build in the same process (tests, dev restarts) does not queue twice.
    expect(await serialiseStoreWrites()).toBe(true);
    const file = pathToFileURL(join(scratch, 'data-store.json'));
    const store = await (await astroStoreClass()).fromFile(file);
    // A store big enough that its save is still being written when the next one starts.
    store.set('runbooks', 'large', { rendered: { html: 'x'.repeat(20_000_000) } });
    const first = store.writeToDisk();
    store.set('runbooks', 'edited', { rendered: { html: '<p>the edited text</p>' } });
    await store.waitUntilSaveComplete();
    await first;
    // Without the queue, Astro writes the first save's data a second time and the edit is lost.
    expect(readFileSync(file, 'utf8')).toContain('the edited text');
  });
});

describe('prepareContentStore', () => {
  const settings = { base: '/kb/' };
  const cacheDir = pathToFileURL(join(scratch, 'astro-cache/'));
  const storeFile = join(scratch, 'astro-cache', 'data-store.json');
  const writeStore = () => {
    mkdirSync(join(scratch, 'astro-cache'), { recursive: true });
    writeFileSync(storeFile, 'rendered pages');
  };
  const exists = () => {
    try {
      readFileSync(storeFile);
      return true;
    } catch {
      return false;
    }
  };

  it('starts from an empty store when no build of this code and these settings made it', async () => {
    writeStore();
    expect(await prepareContentStore({ cacheDir, version: 'code-1', settings, changed: false })).toBe(false);
    expect(exists()).toBe(false);
  });

  it('keeps the store when the same code and settings made it, content changed or not', async () => {
    writeStore();
    expect(await prepareContentStore({ cacheDir, version: 'code-1', settings, changed: true })).toBe(true);
    expect(exists()).toBe(true);
    expect(await prepareContentStore({ cacheDir, version: 'code-1', settings, changed: false })).toBe(true);
    expect(exists()).toBe(true);
  });

  it('deletes it after a change to the code, the settings or the packages that render pages', async () => {
    expect(await prepareContentStore({ cacheDir, version: 'code-2', settings, changed: false })).toBe(false);
    expect(exists()).toBe(false);
    writeStore();
    expect(await prepareContentStore({ cacheDir, version: 'code-2', settings: { base: '/' }, changed: false })).toBe(false);
    expect(exists()).toBe(false);
    const lockfile = join(scratch, 'package-lock.json');
    writeFileSync(lockfile, '{"packages":{"node_modules/shiki":{"version":"3.0.0"}}}');
    writeStore();
    expect(await prepareContentStore({ cacheDir, version: 'code-2', settings, files: [lockfile], changed: false })).toBe(false);
    writeStore();
    expect(await prepareContentStore({ cacheDir, version: 'code-2', settings, files: [lockfile], changed: true })).toBe(true);
    writeFileSync(lockfile, '{"packages":{"node_modules/shiki":{"version":"3.1.0"}}}');
    expect(await prepareContentStore({ cacheDir, version: 'code-2', settings, files: [lockfile], changed: false })).toBe(false);
    expect(exists()).toBe(false);
  });
});
