import { resolveLink, type LinkTarget } from '../content/links.js';
import type { StructureLink } from '../content/structure.js';
import { dirnamePosix } from '../shared/paths.js';
import { generatedUrls, type RoutedPage } from '../shared/routes.js';
import { isPublished, type PageFacts } from './facts.js';

/** One link of a published page, read against the knowledge base. */
export interface ResolvedLink {
  from: PageFacts;
  link: StructureLink;
  target: LinkTarget;
  /** The page file a page link names, when one exists (published or not). */
  to?: PageFacts;
}

/** Every link of every published page, resolved once per run for all the rules that need them. */
export interface LinkGraph {
  links: ResolvedLink[];
  /** Content path → the published pages that link to it. */
  inbound: Map<string, Set<string>>;
  /** The resolved steps of each published guided path, by its content path: read once, for the rules and the pages. */
  steps: Map<string, PathStep[]>;
  /** Site URLs of the generated pages (listings, alert redirects). */
  generated: Set<string>;
  byUrl: Map<string, PageFacts>;
}

/** Services, owner, tags and alerts of a page, as the generated routes use them. */
export function routedPage(page: PageFacts): RoutedPage {
  const data = page.data;
  return {
    services: [...new Set([...(page.service ? [page.service] : []), ...(data?.services ?? [])])],
    owner: data?.owner,
    tags: data?.tags ?? [],
    alerts: data?.alerts ?? [],
  };
}

/** Resolves the links of the published pages and counts inbound links between them. */
export function buildLinkGraph(pages: PageFacts[], byPath: Map<string, PageFacts>, base: string): LinkGraph {
  const published = pages.filter(isPublished);
  const byUrl = new Map(pages.filter((page) => page.kind === 'page').map((page) => [page.url, page]));
  const inbound = new Map<string, Set<string>>();
  const links: ResolvedLink[] = [];
  // Pages of one folder link to the same few targets: each (folder, URL) is read once.
  const resolved = new Map<string, LinkTarget>();
  for (const from of published) {
    const folder = dirnamePosix(from.contentPath);
    for (const link of from.links) {
      const memo = `${folder}\0${link.url}`;
      let target = resolved.get(memo);
      if (!target) {
        target = resolveLink(from.contentPath, link.url, base);
        resolved.set(memo, target);
      }
      const to = pageOf(target, byPath, byUrl);
      links.push({ from, link, target, to });
      if (to && to !== from && isPublished(to)) {
        const set = inbound.get(to.contentPath) ?? new Set<string>();
        set.add(from.contentPath);
        inbound.set(to.contentPath, set);
      }
    }
  }
  // A guided path leads readers to each of its steps, as a link would.
  const steps = new Map<string, PathStep[]>();
  for (const from of published) {
    if (!from.data?.steps) continue;
    steps.set(from.contentPath, pathSteps(from, byPath, byUrl, base));
    for (const step of steps.get(from.contentPath)!) {
      if (!step.to || step.to === from || !isPublished(step.to)) continue;
      const set = inbound.get(step.to.contentPath) ?? new Set<string>();
      set.add(from.contentPath);
      inbound.set(step.to.contentPath, set);
    }
  }
  return { links, inbound, steps, generated: generatedUrls(published.map(routedPage)), byUrl };
}

/** The page a resolved link leads to, if any. */
export function pageOf(target: LinkTarget, byPath: Map<string, PageFacts>, byUrl: Map<string, PageFacts>): PageFacts | undefined {
  if (target.kind !== 'page') return undefined;
  return target.viaUrl ? byUrl.get(target.url) : target.contentPaths.map((path) => byPath.get(path)).find((page) => page?.kind === 'page');
}

/** One step of a guided path, with the page it leads to. */
export interface PathStep {
  index: number;
  /** The source link as written. */
  page: string;
  why?: string;
  line: number;
  target: LinkTarget;
  to?: PageFacts;
}

/** The steps of a page's `steps` (a guided path), resolved like its links. */
export function pathSteps(from: PageFacts, byPath: Map<string, PageFacts>, byUrl: Map<string, PageFacts>, base: string): PathStep[] {
  const steps = from.data?.steps ?? [];
  return steps.map((step, index) => {
    const target = resolveLink(from.contentPath, step.page, base);
    return {
      index,
      page: step.page,
      why: 'why' in step ? step.why : undefined,
      line: from.stepLines?.[index] ?? from.keyLines.steps ?? 1,
      target,
      to: pageOf(target, byPath, byUrl),
    };
  });
}
