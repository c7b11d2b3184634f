import type { Rect } from '../../game/shell/layout/rect.ts';

/** Screen sizes every layout is tried on: laptops, a small window, two phones. */
export const SCREENS: [number, number][] = [[1280, 800], [1920, 1080], [960, 640], [800, 600], [390, 844], [360, 640]];

/** `rect` lies on a width x height screen (to a hundredth of a pixel). */
export function inside(rect: Rect, width: number, height: number): boolean {
  return rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width + 0.01 && rect.y + rect.height <= height + 0.01;
}

/** The two share more than an edge. */
export function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - 0.01 && b.x < a.x + a.width - 0.01 && a.y < b.y + b.height - 0.01 && b.y < a.y + a.height - 0.01;
}
