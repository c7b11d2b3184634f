import { expect, test } from 'vitest';
import { computeMyDigitsLayout, MY_DIGITS_BUTTONS, thumbRect } from '../../../../../game/modes/digits/layout/myDigitsLayout.ts';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 1e-9 && r.y + r.height <= h + 1e-9;
const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.each([[960, 640], [1280, 800], [390, 844], [320, 568]])('at %ix%i everything is on screen and nothing overlaps', (width, height) => {
  const l = computeMyDigitsLayout(width, height);
  const buttons = MY_DIGITS_BUTTONS.map((name) => l.buttons[name]);
  for (const rect of [l.title, l.menu, ...l.rows, ...buttons, l.progress, l.status]) expect(inside(rect, width, height)).toBe(true);
  const lastRow = l.rows[9];
  if (lastRow === undefined) throw new Error('no row 9');
  for (const button of buttons) {
    expect(overlap(button, lastRow)).toBe(false);
    expect(overlap(button, l.progress)).toBe(false);
  }
  expect(overlap(l.progress, l.status)).toBe(false);
  for (let i = 1; i < buttons.length; i++) expect(overlap(buttons[i - 1] ?? l.title, buttons[i] ?? l.title)).toBe(false);
  expect(l.perRow).toBeGreaterThanOrEqual(1);
});

test('thumbnails sit in their row, one after the other, and stop at perRow', () => {
  const l = computeMyDigitsLayout(960, 640);
  const first = thumbRect(l, 4, 0);
  const second = thumbRect(l, 4, 1);
  const row = l.rows[4];
  if (first === null || second === null || row === undefined) throw new Error('missing thumbnail');
  expect(first.y).toBeGreaterThanOrEqual(row.y);
  expect(first.y + first.height).toBeLessThanOrEqual(row.y + row.height);
  expect(second.x - first.x).toBeCloseTo(l.thumbStep);
  expect(overlap(first, second)).toBe(false);
  expect(thumbRect(l, 4, l.perRow)).toBeNull();
  expect(thumbRect(l, 10, 0)).toBeNull();
  const last = thumbRect(l, 4, l.perRow - 1);
  if (last === null) throw new Error('no last thumbnail');
  expect(last.x + last.width).toBeLessThanOrEqual(row.x + row.width);
});
