import { describe, expect, it } from 'vitest';
import { resolveLink, rewriteLink } from '../../src/lib/content/links';
import { pageUrl, withBase } from '../../src/lib/shared/paths';

describe('pageUrl', () => {
  it('maps content files to site URLs', () => {
    expect(pageUrl('runbooks/dns/ndots.mdx')).toBe('/runbooks/dns/ndots/');
    expect(pageUrl('guides/index.md')).toBe('/guides/');
    expect(pageUrl('guides/deep/index.mdx')).toBe('/guides/deep/');
  });
});

describe('rewriteLink', () => {
  const from = 'runbooks/dns/ndots.md';
  it.each([
    ['../storage/disk.mdx#free-space', '/', '/runbooks/storage/disk/#free-space'],
    ['./other.md', '/', '/runbooks/dns/other/'],
    ['other.md', '/kb/', '/kb/runbooks/dns/other/'],
    ['../../guides/index.md', '/', '/guides/'],
    ['../../guides/deep', '/kb/', '/kb/guides/deep/'],
    ['/runbooks/dns/ndots/', '/kb/', '/kb/runbooks/dns/ndots/'],
    ['/kb/runbooks/dns/ndots/#diagnosis', '/kb/', '/kb/runbooks/dns/ndots/#diagnosis'],
    ['/runbooks/dns/ndots', '/kb', '/kb/runbooks/dns/ndots/'],
    ['#diagnosis', '/kb/', '#diagnosis'],
    ['https://example.com/x.md', '/kb/', 'https://example.com/x.md'],
    ['mailto:sre@example.com', '/', 'mailto:sre@example.com'],
    ['/favicon.svg', '/kb/', '/kb/favicon.svg'],
    ['./diagram.png', '/kb/', '/kb/runbooks/dns/diagram.png'],
    ['/search/?q=disk+full', '/kb/', '/kb/search/?q=disk+full'],
    ['./other.md?step=2#top', '/', '/runbooks/dns/other/?step=2#top'],
  ])('%s under base %s → %s', (url, base, expected) => {
    expect(rewriteLink(from, url, base)).toBe(expected);
  });
});

describe('resolveLink', () => {
  it('offers both formats and index pages for an extensionless source link', () => {
    expect(resolveLink('guides/a.md', './b')).toMatchObject({
      kind: 'page',
      contentPaths: ['guides/b.md', 'guides/b.mdx', 'guides/b/index.md', 'guides/b/index.mdx'],
    });
  });
  it('decodes anchors and keeps them apart from the path', () => {
    expect(resolveLink('guides/a.md', './b.md?x=1#caf%C3%A9')).toMatchObject({
      kind: 'page',
      contentPaths: ['guides/b.md'],
      anchor: 'café',
    });
  });
  it('refuses relative links that climb out of the content folder', () => {
    expect(resolveLink('guides/a.md', '../../README.md')).toEqual({ kind: 'outside' });
  });
  it('strips the base path from site-absolute links', () => {
    expect(resolveLink('guides/a.md', '/kb/guides/b/index.html', '/kb/')).toMatchObject({ kind: 'page', url: '/guides/b/', viaUrl: true });
  });
  it('withBase joins without doubling slashes', () => {
    expect(withBase('/x/', '/')).toBe('/x/');
    expect(withBase('/x/', 'kb')).toBe('/kb/x/');
  });
});
