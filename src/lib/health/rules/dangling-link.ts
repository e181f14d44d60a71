import { isPublishedFile } from '../../content/files.js';
import { closestMatch } from '../../shared/did-you-mean.js';
import { isPublished, statusOf, type PageFacts } from '../facts.js';
import type { ResolvedLink } from '../link-graph.js';
import { siteRule, type SiteContext, type SiteHit } from '../rule.js';
import { pageSuggestions } from '../suggest.js';
import { guide } from './support/examples.js';

/**
 * A link on a published page that leads nowhere on the built site: a missing, draft or unbuilt
 * page, a heading id the target does not render, a file that is not there or not published.
 * Links are read from what the page renders, so the verdicts are the built site's.
 */
export default siteRule({
  id: 'dangling-link',
  severity: 'error',
  summary: 'A link to a page, heading, file or generated listing that the built site does not have',
  section: 'links',
  hackDay: { priority: 1, action: 'Fix link in' },
  examples: {
    ok: {
      files: {
        'guides/a.md': guide('A', '## Steps\n\nSee [B](./b.md#usage) and [steps](#steps).\n'),
        'guides/b.md': guide('B', '## Usage\n'),
      },
    },
    notOk: { files: { 'guides/a.md': guide('A', 'See [B](./b.md#usage) and [C](./c.md).\n'), 'guides/b.md': guide('B', '## Use\n') } },
  },
  check(site) {
    const suggest = pageSuggestions(site.pages, site.base);
    const hits: SiteHit[] = [];
    for (const resolved of site.links.links) {
      const problem = problemOf(resolved, site, suggest);
      if (problem) hits.push({ file: resolved.from.file, line: resolved.link.line, column: resolved.link.column, ...problem });
    }
    return hits;
  },
});

type Problem = { message: string; hint?: string } | undefined;

function problemOf({ from, link, target, to }: ResolvedLink, site: SiteContext, suggest: ReturnType<typeof pageSuggestions>): Problem {
  switch (target.kind) {
    case 'external':
      return undefined;
    case 'outside':
      return {
        message: `Cannot link to \`${link.url}\` outside the content folder`,
        hint: 'Link to pages of the knowledge base by their source file, e.g. `../dns/ndots.md`',
      };
    case 'self':
      // `#` alone is the top of the page.
      return target.anchor === '' ? undefined : missingAnchor(target.anchor, from, 'on this page');
    case 'asset':
      return assetProblem(link.url, target, site);
  }
  if (!to) {
    if (target.viaUrl && site.links.generated.has(target.url)) return undefined;
    return {
      message: `Cannot find page \`${link.url}\`${suggest.forLink(from, target.viaUrl ? target.url : target.contentPaths[0], target.viaUrl)}`,
      hint: target.viaUrl
        ? 'Prefer source links such as `../dns/ndots.md`: they also work on the git host'
        : 'Source links are relative to this file and name the target file, e.g. `../dns/ndots.md#diagnosis`',
    };
  }
  if (statusOf(to) === 'draft') {
    return {
      message: `Cannot link to draft page \`${link.url}\``,
      hint: 'Drafts are not published; link to it once its `status` is `active`',
    };
  }
  if (!isPublished(to)) {
    return {
      message: `Cannot link to \`${link.url}\`: the site does not build it`,
      hint: `Fix the errors \`npm run check\` reports in \`${to.file}\``,
    };
  }
  return target.anchor ? missingAnchor(target.anchor, to, `in \`${to.contentPath}\``) : undefined;
}

function missingAnchor(anchor: string, page: PageFacts, where: string): Problem {
  if (page.ids.includes(anchor)) return undefined;
  const match = closestMatch(anchor, page.ids);
  const ids = page.headings.map((heading) => `\`#${heading.id}\``);
  return {
    message: `Cannot find heading \`#${anchor}\` ${where}${match === undefined ? '' : `; did you mean \`#${match}\``}`,
    hint: ids.length === 0 ? 'The page has no headings' : `Headings there: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''}`,
  };
}

function assetProblem(url: string, target: { contentPath?: string; sitePath?: string }, site: SiteContext): Problem {
  if (target.contentPath !== undefined) {
    if (!site.files.has(target.contentPath))
      return { message: `Cannot find file \`${url}\``, hint: 'Put the file next to the page, or fix the path' };
    if (isPublishedFile(target.contentPath)) return undefined;
    return {
      message: `Unexpected link to \`${url}\`: files of this type are not published`,
      hint: 'The site publishes images, PDFs and plain-text files next to pages; HTML, SVG and scripts are never served from content',
    };
  }
  const sitePath = target.sitePath ?? '';
  if (site.links.generated.has(sitePath) || sitePath.startsWith('/pagefind/') || site.publicFileExists(sitePath)) return undefined;
  // Files next to pages are published at their content path.
  const contentPath = sitePath.slice(1);
  if (site.files.has(contentPath) && isPublishedFile(contentPath)) return undefined;
  return { message: `Cannot find file \`${url}\``, hint: 'Site-absolute files are served from `public/`' };
}
