/**
 * On a page reached from a guided path (`?path=<id>`): where it sits in the path, with links to
 * the previous and next steps, and `[` / `]` to move between them. A page reached from search has
 * no `?path=` and shows nothing; the path's JSON is fetched only here, only for that one path.
 */
export function showPathPosition(nav: HTMLElement): void {
  const id = new URLSearchParams(window.location.search).get('path');
  // An id is a page address without slashes at its ends: anything else is not ours to fetch.
  if (!id || !/^[a-z0-9][\w-]*(?:\/[\w-]+)*$/i.test(id)) return;
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  void fetch(`${base}paths/${id}.json`)
    .then((response) => (response.ok ? (response.json() as Promise<GuidedPath>) : undefined))
    .then((path) => path && render(nav, path, id))
    .catch(() => undefined);
}

interface GuidedPath {
  title: string;
  url: string;
  steps: { title: string; url: string }[];
}

function render(nav: HTMLElement, path: GuidedPath, id: string): void {
  const here = window.location.pathname;
  const index = path.steps.findIndex((step) => step.url === here);
  if (index === -1) return;
  const withPath = (url: string) => `${url}?path=${encodeURIComponent(id)}`;
  const link = (text: string, url: string, rel?: string) => {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.textContent = text;
    if (rel) anchor.rel = rel;
    return anchor;
  };
  const previous = path.steps[index - 1];
  const next = path.steps[index + 1];
  const position = document.createElement('p');
  position.append(`Step ${index + 1} of ${path.steps.length} in `, link(path.title, path.url));
  const moves = document.createElement('p');
  moves.className = 'moves';
  if (previous) moves.append(link(`← Previous: ${previous.title}`, withPath(previous.url), 'prev'));
  if (previous && next) moves.append(' · ');
  if (next) moves.append(link(`Next: ${next.title} →`, withPath(next.url), 'next'));
  else moves.append(' · This is the last step.');
  nav.replaceChildren(position, moves);
  nav.hidden = false;
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== '[' && event.key !== ']')) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const step = event.key === ']' ? next : previous;
    if (!step) return;
    event.preventDefault();
    window.location.assign(withPath(step.url));
  });
}
