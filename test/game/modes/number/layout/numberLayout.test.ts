import { expect, test } from 'vitest';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';
import { gridFramePad } from '../../../../../game/shell/layout/rect.ts';
import { computeNumberLayout } from '../../../../../game/modes/number/layout/numberLayout.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= -0.5 && r.y >= -0.5 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.each([
  { name: 'phone portrait', w: 390, h: 844, minCell: 6 },
  { name: 'small phone', w: 320, h: 568, minCell: 5 },
  { name: 'phone landscape', w: 844, h: 390, minCell: 6 },
  { name: 'tablet portrait', w: 768, h: 1024, minCell: 10 },
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
  const { lines, gap } = l.fold;
  expect((l.grid.width - 2 * pad) / (112 / lines)).toBeCloseTo(l.cell);
  expect((l.grid.height - 2 * pad - (lines - 1) * gap) / (28 * lines)).toBeCloseTo(l.cell);
  // the grid spans (nearly) the width wherever the height allows it: the digits get the room
  expect(l.cell).toBeGreaterThanOrEqual(minCell);
  expect(l.reset.height).toBeGreaterThanOrEqual(44);
  expect(l.labels.y + l.labels.height).toBeCloseTo(l.grid.y);
});

test.each([
  { name: 'phone portrait', w: 390, h: 844, lines: 2 },
  { name: 'small phone', w: 320, h: 568, lines: 2 },
  { name: 'tablet portrait', w: 768, h: 1024, lines: 2 },
  { name: 'phone landscape', w: 844, h: 390, lines: 1 },
  { name: 'laptop', w: 1280, h: 800, lines: 1 },
])('$name ($w x $h): the grid is shown in $lines line(s)', ({ w, h, lines }) => {
  const l = computeNumberLayout(w, h, 112, 28);
  expect(l.fold.lines).toBe(lines);
  // a phone's grid spans its width; its lines are a third of the screen's height or more
  if (w < 500) {
    expect(l.grid.width).toBeGreaterThan(w * 0.85);
    expect(l.grid.height).toBeGreaterThan(h / 3);
    expect(l.fold.gap).toBeGreaterThanOrEqual(l.labels.height);
  }
});
