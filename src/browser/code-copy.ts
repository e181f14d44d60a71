/**
 * A "Copy" button on every highlighted code block (Astro's Shiki output, `pre.astro-code`).
 *
 * Added here rather than at build time, so the pages' HTML, the search index and the print view
 * hold only the code. The button is always visible (not on hover only: a phone has no hover, and
 * at 3 a.m. nobody should have to hunt for it), copies the block's text exactly as shown, and says
 * "Copied" for a moment, also to screen readers. Where the Clipboard API is unavailable (a page
 * served over plain HTTP on an internal host is not a secure context) it falls back to selecting
 * the text and `document.execCommand('copy')`; if that fails too, the code stays selected so
 * Ctrl+C copies it.
 */
export function addCopyButtons(): void {
  // The keys that copy a selection on the reader's system, named when the button could not copy.
  const keys = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C';
  const blocks = [...document.querySelectorAll<HTMLPreElement>('pre.astro-code')];
  blocks.forEach((pre, index) => {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.before(wrapper);
    wrapper.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    const language = pre.dataset.language;
    const what = `code block ${index + 1}${language && language !== 'plaintext' ? `, ${language}` : ''}`;
    button.setAttribute('aria-label', `Copy ${what}`);
    button.textContent = 'Copy';
    // Announced by screen readers; the button's own label stays the same.
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    wrapper.append(button, status);
    let reset: ReturnType<typeof setTimeout> | undefined;
    // The block's text as written: Shiki puts each line in a span and a newline between them.
    const code = pre.querySelector('code') ?? pre;
    button.addEventListener('click', () => {
      void copyText(code).then((copied) => {
        button.textContent = copied ? 'Copied' : `Press ${keys}`;
        status.textContent = copied ? `Copied ${what}.` : `Could not copy: the code is selected, press ${keys}.`;
        clearTimeout(reset);
        reset = setTimeout(() => {
          button.textContent = 'Copy';
          status.textContent = '';
        }, 2000);
      });
    });
  });
}

/** Copies the element's text; where that is refused, selects it and tries the older way. */
async function copyText(code: Element): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(code.textContent ?? '');
      return true;
    }
  } catch {
    // Refused (no permission, or the document lost focus): try the older way below.
  }
  const selection = window.getSelection();
  if (!selection) return false;
  selection.removeAllRanges();
  const range = document.createRange();
  range.selectNodeContents(code);
  selection.addRange(range);
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  // Left selected when copying failed, so the reader can copy it by hand.
  if (copied) selection.removeAllRanges();
  return copied;
}
