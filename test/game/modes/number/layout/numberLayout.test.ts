import { expect, test } from 'vitest';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';
import { gridFramePad } from '../../../../../game/shell/layout/rect.ts';
import { computeNumberLayout } from '../../../../../game/modes/number/layout/numberLayout.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= -0.5 && r.y >= -0.5 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.each([
  { name: 'phone portrait', w: 390, h: 844, minCell: 3 },
  { name: 'small phone', w: 320, h: 568, minCell: 2.4 },
  { name: 'phone landscape', w: 844, h: 390, minCell: 6 },
  { name: 'tablet portrait', w: 768, h: 1024, minCell: 6 },
  { name: 'laptop', w: 1280, h: 800, minCell: 10 },
  { name: 'full HD', w: 1920, h: 1080, minCell: 15 },
])('$name ($w x $h): everything fits, nothing overlaps, cells are square', ({ w, h, minCell }) => {
  const l = computeNumberLayout(w, h, 112, 28);
  const parts = [l.title, l.menu, l.labels, l.grid, l.reset, l.number, l.tools];
  for (const part of parts) expect(inside(part, w, h), JSON.stringify(part)).toBe(true);
  parts.forEach((a, i) => {
    parts.slice(i + 1).forEach((b, k) => { expect(overlaps(a, b), `${i} ${i + 1 + k}`).toBe(false); });
  });
  const pad = gridFramePad(l.unit);
  expect((l.grid.width - 2 * pad) / 112).toBeCloseTo(l.cell);
  expect((l.grid.height - 2 * pad) / 28).toBeCloseTo(l.cell);
  // the grid spans (nearly) the width wherever the height allows it: the digits get the room
  expect(l.cell).toBeGreaterThanOrEqual(minCell);
  expect(l.reset.height).toBeGreaterThanOrEqual(44);
  expect(l.labels.y + l.labels.height).toBeCloseTo(l.grid.y);
});
