import type { Rect } from './rect.ts';

/**
 * Sorts things on screen the way a sighted player reads them: rows from top to bottom, left to
 * right within a row. Two boxes share a row when their vertical centres are closer than half the
 * shorter one's height, so buttons of a row that differ by a pixel or two are not split. This is
 * the keyboard's Tab order over the canvas buttons, whatever order the screens created them in.
 */
export function inReadingOrder<T>(items: readonly T[], rectOf: (item: T) => Rect): T[] {
  const centreY = (rect: Rect): number => rect.y + rect.height / 2;
  const byTop = [...items].sort((a, b) => centreY(rectOf(a)) - centreY(rectOf(b)));
  const rows: T[][] = [];
  for (const item of byTop) {
    const rect = rectOf(item);
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row !== undefined && first !== undefined) {
      const lead = rectOf(first);
      if (Math.abs(centreY(lead) - centreY(rect)) < Math.min(lead.height, rect.height) / 2) {
        row.push(item);
        continue;
      }
    }
    rows.push([item]);
  }
  return rows.flatMap((row) => row.sort((a, b) => rectOf(a).x - rectOf(b).x));
}
