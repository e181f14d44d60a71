/**
 * Sorts a `table[data-sortable]` by the column whose `button[data-key]` is pressed, on the rows'
 * `data-<key>` values. Sorting happens in the browser; the table works unsorted without JavaScript.
 */
export function makeSortable(table: HTMLTableElement): void {
  table.querySelectorAll<HTMLButtonElement>('button[data-key]').forEach((button) => {
    button.addEventListener('click', () => {
      const key = button.dataset.key!;
      const th = button.closest('th')!;
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach((cell) => cell.setAttribute('aria-sort', 'none'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      const rows = [...body.rows].sort((a, b) => (a.dataset[key] ?? '').localeCompare(b.dataset[key] ?? '') * (ascending ? 1 : -1));
      body.append(...rows);
    });
  });
}
