/**
 * Edits (insert, delete, substitute, swap two neighbours) between `a` and `b`, or `limit + 1` once
 * it is sure to be more than `limit`: the optimal-string-alignment distance.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    let smallest = current[0];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
      smallest = Math.min(smallest, current[j]);
    }
    if (smallest > limit) return limit + 1;
    [before, previous] = [previous, current];
  }
  return Math.min(previous[b.length], limit + 1);
}
