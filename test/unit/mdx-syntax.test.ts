import { describe, expect, it } from 'vitest';
import { findingToString } from '../../src/lib/health/findings';
import { findMdxSyntaxError, mdxCacheKey } from '../../src/lib/content/mdx-syntax';

const check = (body: string, bodyLine = 7) => {
  const finding = findMdxSyntaxError('content/runbooks/x/page.mdx', body, bodyLine);
  return finding ? findingToString(finding) : undefined;
};

describe('findMdxSyntaxError', () => {
  it('accepts components, expressions and imports that MDX compiles', () => {
    expect(
      check('import Callout from \'../../../src/components/Callout.astro\';\n\n<Callout type="note">Fine {1 + 1}</Callout>\n'),
    ).toBeUndefined();
  });

  it.each([
    [
      '\n<Callout type="warning">\n\nNever closed.\n',
      'content/runbooks/x/page.mdx:8:1: Cannot parse MDX: Expected a closing tag for `<Callout>`',
    ],
    [
      '\nText with a {broken + } expression.\n',
      'content/runbooks/x/page.mdx:8:23: Cannot parse MDX: Could not parse expression with acorn',
    ],
    [
      '\n<Callout>x</Other>\n',
      'content/runbooks/x/page.mdx:8:11: Cannot parse MDX: Unexpected closing tag `</Other>`, expected corresponding closing tag for `<Callout>`',
    ],
    [
      '\nA literal <5 ms latency\n',
      'content/runbooks/x/page.mdx:8:12: Cannot parse MDX: Unexpected character `5` (U+0035) before name, expected a character that can start a name, such as a letter, `$`, or `_`',
    ],
  ])('reports %j at its file position', (body, expected) => {
    expect(check(body)).toBe(expected);
  });

  it('keys the pass cache on the exact source', () => {
    expect(mdxCacheKey('a')).toBe(mdxCacheKey('a'));
    expect(mdxCacheKey('a')).not.toBe(mdxCacheKey('a '));
  });
});
