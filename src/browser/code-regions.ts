/**
 * Expressive Code makes a code block that scrolls sideways focusable and a `region` landmark,
 * with no name: several on one page are landmarks nobody can tell apart. Each gets a name of its
 * own while it is a region ("Code block 2, shell"), and loses it when it stops being one (an
 * `aria-label` is not allowed on a plain `<pre>`).
 */
export function nameCodeRegions(): void {
  const blocks = [...document.querySelectorAll<HTMLPreElement>('.expressive-code pre')];
  if (blocks.length === 0) return;
  const name = (pre: HTMLPreElement) => {
    const index = blocks.indexOf(pre) + 1;
    const language = pre.dataset.language;
    const title = pre.closest('figure')?.querySelector('figcaption .title')?.textContent?.trim();
    if (pre.getAttribute('role') === 'region')
      pre.setAttribute(
        'aria-label',
        `Code block ${index}${title ? `: ${title}` : language && language !== 'plaintext' ? `, ${language}` : ''}`,
      );
    else pre.removeAttribute('aria-label');
  };
  blocks.forEach(name);
  new MutationObserver((changes) => {
    for (const change of changes) if (change.target instanceof HTMLPreElement && blocks.includes(change.target)) name(change.target);
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['role'] });
}
