import { setImmediate as tick } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/lib/shared/collect-garbage';

describe('collectGarbage', () => {
  it('collects an object nothing refers to any more, and leaves no `gc` global behind', async () => {
    const make = () => new WeakRef({ payload: 'x'.repeat(1024) });
    const ref = make();
    // A WeakRef's target lives at least until the job that made it ends.
    await tick();
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    collectGarbage();
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});
