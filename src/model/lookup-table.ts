/**
 * A table read with names taken from the scanned source. A plain object literal would answer
 * `constructor`, `toString` or `__proto__` from Object.prototype (a Python `x.constructor(...)` call
 * made the whole file unreadable); a table without a prototype answers only what it lists.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
