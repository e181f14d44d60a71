import { fileRule } from '../rule.js';
import { guide } from './support/examples.js';

/**
 * A page the site cannot compile: an MDX syntax error (checked with MDX's own parser, so what
 * passes here compiles there), or a tree too deep for the HTML steps. Astro would stop at the first
 * such file; the checker reports all of them and the build leaves them out.
 */
export default fileRule({
  id: 'mdx-syntax',
  severity: 'error',
  summary: 'A page that does not compile: an MDX syntax error (unclosed `<Component>` or `{`), or Markdown too deeply nested to render',
  section: 'content',
  hackDay: { priority: 1, action: 'Fix syntax in' },
  refuses: true,
  stage: 'body',
  examples: {
    ok: { files: { 'guides/a.mdx': guide('A', 'Text with \\{braces\\}.\n') } },
    notOk: { files: { 'guides/a.mdx': guide('A', 'Use <Callout>for notes.\n') } },
  },
  check({ syntaxError, entry }) {
    if (!syntaxError) return [];
    const mdx = entry.contentPath.endsWith('.mdx');
    return [
      {
        line: syntaxError.line,
        column: syntaxError.column,
        message: `Cannot ${mdx ? 'parse MDX' : 'render the page'}: ${syntaxError.message}`,
        hint: mdx
          ? 'In `.mdx`, `<` and `{` start components and code: close every `<Component>` and `{expression}`, write `\\{` or `&lt;` for literal ones, or rename the file to `.md` if it needs no components'
          : 'Simplify the page: the nesting of its lists, quotes or HTML is too deep to render',
      },
    ];
  },
});
