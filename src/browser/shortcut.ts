/** `/` focuses search from anywhere except while typing in a field: the page's own box first, else the header's. */
export function installSearchShortcut(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) {
      // The home page focuses its box on load: a `/` pressed there, before anything was typed,
      // is the shortcut reaching for search, not the start of a path.
      const box = target as HTMLInputElement;
      if (box.matches('[data-search-primary]') && box.value === '' && box.dataset.touched === undefined) event.preventDefault();
      return;
    }
    const box =
      document.querySelector<HTMLInputElement>('[data-search-primary]') ??
      document.querySelector<HTMLInputElement>('[data-search-shortcut]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
}
