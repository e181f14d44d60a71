import { describe, expect, it } from 'vitest';
import { printable } from '../../src/lib/shared/printable';

describe('printable: what a message may quote of a page', () => {
  it('writes control and text-direction characters as escapes', () => {
    expect(printable('Disk\u001b[1A\u001b[2K0 errors')).toBe('Disk\\x1b[1A\\x1b[2K0 errors');
    expect(printable('a\nb\rc\td\u0007e\u007f\u009b')).toBe('a\\nb\\rc\\td\\x07e\\x7f\\x9b');
    expect(printable('admin\u202Etxt.exe\u2066')).toBe('admin\\u202etxt.exe\\u2066');
  });

  it('leaves every other text as it is, and returns the same string when there is nothing to escape', () => {
    const text = 'Équipe Plattform — 运维 `kubectl -n prod get pods` 🚒';
    expect(printable(text)).toBe(text);
    expect(printable('')).toBe('');
  });
});
