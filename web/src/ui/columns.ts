// Table column helpers.

type Column = { width?: number | string; children?: readonly Column[] };

/**
 * The sum of a table's column widths, the columns of a group included: its `scroll.x`, so that the table
 * is exactly as wide as its columns — every column in sight where they fit (their widths are chosen to fit
 * beside the menu of a 1366-pixel window), scrolled sideways in a narrower one.
 */
export function columnsWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + (c.children ? columnsWidth(c.children) : typeof c.width === 'number' ? c.width : 0), 0);
}
