import type { Code, Root } from 'mdast';
import { bundledLanguages } from 'shiki/langs';
import { visit } from 'unist-util-visit';
import { editDistance } from '../../shared/edit-distance.js';

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
      if (node.lang && (!isKnownLanguage(node.lang) || node.value.length > MAX_HIGHLIGHTED_CHARS)) node.lang = null;
    });
  };
}

/**
 * Longer code blocks are shown as plain text. Highlighting wraps every token in a coloured span:
 * 0.9 MB of shell script became 9.9 MB of HTML and took 5.7 s to render, one page's worth of a
 * phone's data plan. 32 KiB (some 800 lines) is far more than a runbook step runs to.
 */
export const MAX_HIGHLIGHTED_CHARS = 32 * 1024;

/**
 * The names Shiki renders as plain text without a grammar (its `isSpecialLang`; a unit test holds
 * the two together). Listed here so the checker can load `shiki/langs` alone, not the highlighter.
 */
export const PLAIN_LANGUAGES: readonly string[] = ['ansi', 'plaintext', 'txt', 'text', 'plain'];

/** True when Shiki highlights `lang` (a language or alias it ships, or one of its plain-text names), exactly as written. */
export function isKnownLanguage(lang: string): boolean {
  return Object.hasOwn(bundledLanguages, lang) || PLAIN_LANGUAGES.includes(lang);
}

let names: string[] | undefined;

/**
 * What an unknown language was likely meant to be: the same name in another case or without its
 * `-` (`Bash`, `YAML`, `shell-script`), or, for a name of five letters or more, the languages with
 * the same first letter one edit away (a swap of two neighbours is one edit; two edits from eight
 * letters on): `pyhton`, `javscript`, `dockerflie`. Short names and names far from every language
 * (`jq`, `aws`, `promql`, `golang`, `curl`) are labels: the block is plain text, and nothing is said.
 */
export function likelyLanguages(lang: string): string[] {
  const folded = lang.toLowerCase();
  for (const form of [folded, folded.replace(/[-_\s]/g, '')]) if (isKnownLanguage(form)) return [form];
  if (folded.length < 5) return [];
  names ??= [...Object.keys(bundledLanguages), ...PLAIN_LANGUAGES];
  const limit = folded.length >= 8 ? 2 : 1;
  const near = names
    .filter((name) => name[0] === folded[0])
    .map((name) => ({ name, edits: editDistance(folded, name, limit) }))
    .filter(({ edits }) => edits <= limit);
  const fewest = Math.min(...near.map(({ edits }) => edits));
  return near
    .filter(({ edits }) => edits === fewest)
    .map(({ name }) => name)
    .sort()
    .slice(0, 3);
}
