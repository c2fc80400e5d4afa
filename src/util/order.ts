/** Sort by UTF-16 code units: independent of locale and of the file system's order. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
