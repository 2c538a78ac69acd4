/** Whether `a` and `b` hold the same value (===) in each of `keys`: field-by-field equality without a key string. */
export function sameFields<T>(a: T, b: T, keys: readonly (keyof T)[]): boolean {
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
