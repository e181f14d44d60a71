/**
 * `record[key]` when `key` is one of the record's own keys, else undefined. Names that come from
 * content (an MDX component, an alert, a template pipe, a foreign frontmatter key) are looked up
 * with this: as a plain property, `constructor`, `toString` or `__proto__` finds a member of
 * `Object.prototype` on every object, which a page could use to crash the build or bend its output.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Adds one to `record[key]` as an own key, whatever the name (`record['__proto__'] = n` would set none). */
export function countOwn(record: Record<string, number>, key: string): void {
  Object.defineProperty(record, key, { value: (own(record, key) ?? 0) + 1, enumerable: true, writable: true, configurable: true });
}
