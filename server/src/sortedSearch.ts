// Binary search over items in source order, for the lookups by line or offset that run on every keystroke.

/** The index of the first item that passes `test`, where every item after a passing one passes too (`items.length` when none does). */
export function firstPassing<T>(items: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
