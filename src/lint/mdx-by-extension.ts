import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import { unified, type Processor } from 'unified';

type Extensions = Record<'micromarkExtensions' | 'fromMarkdownExtensions' | 'toMarkdownExtensions', unknown[] | undefined>;

/**
 * Parses `.mdx` files as MDX and everything else as Markdown, with one configuration: remark-cli
 * and the editor extension apply the same plugins to every file, and Markdown read as MDX fails
 * on a plain `<` or `{`. Use after the parser and syntax plugins (frontmatter, GFM).
 */
export default function remarkMdxByExtension(this: Processor<Root>): undefined {
  const markdown = this.parser;
  if (!markdown) throw new Error('Cannot parse MDX without a Markdown parser; use `remark-parse` first');
  const scratch = unified().use(remarkMdx);
  scratch.freeze();
  const mdx = scratch.data() as unknown as Extensions;

  this.parser = (document, file) => {
    if (file.extname?.toLowerCase() !== '.mdx') return markdown(document, file);
    const data = this.data() as unknown as Extensions;
    const saved = { ...data };
    for (const key of Object.keys(mdx) as (keyof Extensions)[]) data[key] = [...(saved[key] ?? []), ...(mdx[key] ?? [])];
    try {
      return markdown(document, file);
    } finally {
      Object.assign(data, saved);
    }
  };
}
