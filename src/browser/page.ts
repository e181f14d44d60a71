/**
 * The site's one browser entry, loaded by `src/layouts/Base.astro` on every page. Behaviour is
 * attached to markup by data attributes, never by inline script or `on*=` attributes: the
 * Content-Security-Policy allows scripts from this site only (`script-src 'self'`).
 *
 * Keep it one module that Astro bundles into a file under `_astro/`: a small script without
 * imports would be inlined into the HTML, and the policy would block it. `e2e/csp.test.ts`
 * fails the build's HTML if an inline script appears.
 */
import { addCopyButtons } from './code-copy';
import { markOverdueBadges } from './freshness';
import { searchForMissingPage } from './missing-page';
import { showPathPosition } from './path-nav';
import { mountSearch } from './search';
import { installSearchShortcut } from './shortcut';
import { makeSortable } from './sortable-table';

markOverdueBadges();
addCopyButtons();
installSearchShortcut();
for (const root of document.querySelectorAll<HTMLElement>('[data-search]')) mountSearch(root);
for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) makeSortable(table);
const pathNav = document.querySelector<HTMLElement>('[data-path-nav]');
if (pathNav) showPathPosition(pathNav);
const missing = document.querySelector<HTMLElement>('[data-missing-path]');
if (missing) searchForMissingPage(missing);
