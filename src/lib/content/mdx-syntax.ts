import { createHash } from 'node:crypto';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';
import { RULES, type Finding } from '../health/findings.js';

const MDX_EXTENSIONS = [mdxjs()];
const MDX_TREE_EXTENSIONS = [mdxFromMarkdown()];

/**
 * The MDX syntax error of a page body, if any, with its file position: the tokenizer and tree
 * builder `@astrojs/mdx` uses, so what passes here compiles there (unclosed components included).
 * Astro would stop at the first broken file; the checker reports all of them.
 */
export function findMdxSyntaxError(file: string, body: string, bodyLine: number): Finding | undefined {
  try {
    fromMarkdown(body, { extensions: MDX_EXTENSIONS, mdastExtensions: MDX_TREE_EXTENSIONS });
    return undefined;
  } catch (error) {
    const problem = error as {
      reason?: string;
      message: string;
      line?: number;
      column?: number;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    const text = problem.reason ?? problem.message;
    // Errors about unclosed components carry their position only in the text: `… (2:1-2:25)`.
    const written = /\s*\((\d+):(\d+)-\d+:\d+\)$/.exec(text);
    const line = problem.line ?? problem.place?.start?.line ?? problem.place?.line ?? Number(written?.[1] ?? 1);
    const column = problem.column ?? problem.place?.start?.column ?? problem.place?.column ?? Number(written?.[2] ?? 1);
    const reason = text.slice(0, written?.index ?? text.length).replace(/\.$/, '');
    return {
      rule: RULES.mdxSyntax,
      severity: 'error',
      file,
      line: line + bodyLine - 1,
      column,
      message: `Cannot parse MDX: ${reason}`,
      hint: 'In `.mdx`, `<` and `{` start components and code: close every `<Component>` and `{expression}`, write `\\{` or `&lt;` for literal ones, or rename the file to `.md` if it needs no components',
    };
  }
}

/**
 * Identifies an MDX source for the cache of files known to parse: the syntax check costs ~2 ms a
 * page, so the command line skips files it has already seen pass, unchanged.
 */
export function mdxCacheKey(source: string): string {
  return createHash('sha1').update('mdx-syntax-1\0').update(source).digest('base64url');
}
