import { siteAlerts } from './search';

/**
 * On the 404 page (`[data-missing-path]`): the missing path's words become the search query;
 * for `/alerts/<Name>/` the alert name alone, with a note that no runbook lists it yet.
 * Runs after the search box is mounted, so the `input` event starts a search.
 */
export function searchForMissingPage(note: HTMLElement): void {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const path = decodeURIComponent(window.location.pathname.slice(base.length));
  const alert = /^\/alerts\/([^/]+)\/?$/.exec(path)?.[1];
  const words =
    alert ??
    path
      .replace(/\.(html?|mdx?)$/, '')
      .split(/[/_-]+/)
      .filter((w) => w && w !== 'runbooks' && w !== 'guides')
      .join(' ');
  const box = document.querySelector<HTMLInputElement>('[data-search-primary]');
  if (box && words && !box.value) {
    box.value = words;
    box.dispatchEvent(new Event('input'));
  }
  if (alert) void openAlertInAnyCase(alert, note);
}

/**
 * `/alerts/corednslatencyhigh/` on a static host: the page exists only as `CoreDNSLatencyHigh`.
 * `search-alerts.json` knows every name; one that matches in another case opens its runbook. The note
 * that no runbook lists the alert is shown only when none does, in any case.
 */
async function openAlertInAnyCase(alert: string, note: HTMLElement): Promise<void> {
  // The search box's own copy of the list: the search above has fetched it, or is fetching it.
  const found = (await siteAlerts()).get(alert.toLowerCase());
  if (found) {
    note.textContent = `Opening the runbook for ${found[0]}…`;
    window.location.replace(found[1].url);
    return;
  }
  note.textContent = `No runbook lists the alert ${alert} yet. Pages that mention it are below; once a runbook lists it under alerts:, this address opens that runbook.`;
}
