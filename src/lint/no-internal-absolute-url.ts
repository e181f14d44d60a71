import type { Root } from 'mdast';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintRule } from 'unified-lint-rule';
import { visitParents } from 'unist-util-visit-parents';
import { relativeLink } from '../lib/content/links.js';
import { resolveLink } from '../lib/content/links.js';
import { LINT_RULES, ruleMeta } from './ids.js';
import { contentPathOf, settingsFor, type LintSettings } from './settings.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);
/** The port `astro dev` and `astro preview` serve on: a URL copied from a local preview. */
const ASTRO_PORT = '4321';
const NOTE =
  "Link to the page's source file, relative to this one (`../dns/ndots.md#diagnosis`): it works on the git host, in previews and under any `base`, and the build checks it";

/**
 * Internal pages are linked by their source file, not by an absolute URL of the site (`site` in
 * kb.config.ts) or of a local preview: those break in previews and on other hosts, and the
 * build cannot check them. Localhost URLs count as internal only on Astro's port 4321 or under
 * `/runbooks/` and `/guides/`, so a runbook may still link a port-forwarded dashboard.
 *
 * @example ok
 *   See [the DNS runbook](./pod-dns-lookups-slow.md#diagnosis).
 *   Open [Grafana](http://localhost:3000/d/dns) after the port-forward.
 *
 * @example not ok
 *   See [the DNS runbook](http://localhost:4321/runbooks/dns/pod-dns-lookups-slow/#diagnosis).
 *
 *   1:5-1:90: Unexpected URL `http://localhost:4321/runbooks/dns/pod-dns-lookups-slow/#diagnosis`, expected `./pod-dns-lookups-slow.md#diagnosis`
 */
const noInternalAbsoluteUrl = lintRule<Root, LintSettings>(ruleMeta(LINT_RULES.noInternalAbsoluteUrl), (tree, file, options) => {
  const settings = settingsFor(options, file);
  const siteHost = settings.site ? new URL(settings.site).host.toLowerCase() : undefined;
  const from = contentPathOf(file, settings);

  visitParents(tree, (node, ancestors) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const written = node.url;
    let url: URL;
    try {
      url = new URL(written);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    const host = url.host.toLowerCase();
    const local = LOCAL_HOSTS.has(url.hostname.toLowerCase());
    if (host !== siteHost && !(local && (url.port === ASTRO_PORT || isPagePath(url.pathname, settings.base)))) return;
    const source = from === undefined ? undefined : sourceLinkFor(from, `${url.pathname}${url.hash}`, settings);
    const expected = source === undefined ? 'a source link to the page file, such as `../dns/ndots.md`' : `\`${source}\``;
    const message = file.message(`Unexpected URL \`${written}\`, expected ${expected}`, {
      place: node.position,
      ancestors: [...ancestors, node],
    });
    message.note = NOTE;
    // Only a known replacement is fixable: `npm run lint -- --fix` swaps `actual` for `expected`.
    // An autolink or a bare URL has no link text to keep: a relative path there would be plain text.
    const bare =
      node.type === 'link' && node.children.length === 1 && node.children[0].type === 'text' && node.children[0].value === written;
    if (source !== undefined && !bare) Object.assign(message, { actual: written, expected: [source] });
  });
});

/** True when a path (under the base) is in a collection: `/runbooks/…`, `/guides/…`. */
function isPagePath(pathname: string, base: string): boolean {
  const target = resolveLink('', pathname, base);
  return target.kind === 'page' && /^\/(runbooks|guides)\//.test(target.url);
}

/**
 * What to write instead of a site URL: the relative source link to the page it names, when that
 * page exists, or the site-absolute path of a file in `public/`.
 */
function sourceLinkFor(from: string, sitePath: string, settings: LintSettings): string | undefined {
  const target = resolveLink(from, sitePath, settings.base);
  if (target.kind === 'asset') return target.sitePath;
  if (target.kind !== 'page') return undefined;
  const stem = target.url.replace(/^\/|\/$/g, '');
  const candidates = stem === '' ? ['index.md', 'index.mdx'] : [`${stem}.md`, `${stem}.mdx`, `${stem}/index.md`, `${stem}/index.mdx`];
  const found = candidates.find((path) => existsSync(join(settings.root, settings.contentDir, path)));
  if (found === undefined) return undefined;
  const anchor = target.anchor ? `#${target.anchor}` : '';
  return `${relativeLink(from, found)}${anchor}`;
}

export default noInternalAbsoluteUrl;
