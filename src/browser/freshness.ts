/** Today in the reader's own calendar (not UTC), as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A static site can be served long after its build: a page that was fresh then may be overdue
 * now, so badges past their due date in the reader's calendar say so.
 */
export function markOverdueBadges(root: ParentNode = document, today = localToday()): void {
  for (const holder of root.querySelectorAll<HTMLElement>('.freshness[data-due]')) {
    const badge = holder.querySelector('.badge');
    const due = holder.dataset.due ?? '';
    if (!badge || !due || badge.classList.contains('stale') || due >= today) continue;
    badge.classList.remove('fresh', 'due-soon');
    badge.classList.add('stale');
    badge.textContent = `Review overdue since ${due}`;
  }
}
