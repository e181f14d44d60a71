import GithubSlugger from 'github-slugger';

/**
 * The plain text a heading renders to, from its Markdown source: what Astro's heading-id step
 * sees once inline markup is gone.
 */
export function headingText(markdown: string): string {
  if (!/[<>[\]`*_\\&!]/.test(markdown)) return markdown.trim();
  return markdown
    .replace(/<[^>]+>/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(^|[^\w\\])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?=[^\w]|$)/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

/** Heading ids of one page, in order, deduplicated the way the site renders them (`-1`, `-2`). */
export function headingIds(texts: string[]): string[] {
  const slugger = new GithubSlugger();
  return texts.map((text) => slugger.slug(text));
}
