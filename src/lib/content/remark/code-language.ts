import type { Code, Root } from 'mdast';
import { bundledLanguages, isSpecialLang } from 'shiki';
import { visit } from 'unist-util-visit';

/**
 * A fenced code block's language is the author's text, and Astro's Shiki step looks it up in a
 * plain object before loading it: ```` ```toString ````, ```` ```constructor ```` or
 * ```` ```__proto__ ```` resolve to Object.prototype members, and the highlighter, shared by every
 * page of the build, then falls back to plain text for every language it had not loaded yet, on
 * every later page. An unknown name is also printed as written (control characters included) to
 * the build log. So only the names Shiki ships (`sh`, `yaml`, their aliases, `text`, …) reach it;
 * any other block is plain text, which is what Shiki made of it anyway.
 */
export default function remarkCodeLanguage() {
  return (tree: Root): undefined => {
    visit(tree, 'code', (node: Code) => {
      if (node.lang && !isKnownLanguage(node.lang)) node.lang = null;
    });
  };
}

export function isKnownLanguage(lang: string): boolean {
  return Object.hasOwn(bundledLanguages, lang) || isSpecialLang(lang);
}
