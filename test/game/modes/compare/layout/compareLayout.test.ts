import { expect, test } from 'vitest';
import { computeCompareLayout } from '../../../../../game/modes/compare/layout/compareLayout.ts';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= -0.5 && r.y >= -0.5 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.each([
  { name: 'phone portrait', w: 390, h: 844, minGrid: 250 },
  { name: 'small phone', w: 320, h: 568, minGrid: 160 },
  { name: 'phone landscape', w: 844, h: 390, minGrid: 200 },
  { name: 'tablet portrait', w: 768, h: 1024, minGrid: 300 },
  { name: 'laptop', w: 1280, h: 800, minGrid: 400 },
  { name: 'full HD', w: 1920, h: 1080, minGrid: 500 },
])('$name ($w x $h), 1 to 4 models: everything fits, nothing overlaps, the grid is square', ({ w, h, minGrid }) => {
  for (let count = 1; count <= 4; count++) {
    const l = computeCompareLayout(w, h, count);
    expect(l.cards).toHaveLength(count);
    const parts = [l.title, l.menu, l.grid, l.clear, l.verdict, ...l.cards];
    for (const part of parts) expect(inside(part, w, h), `${count}: ${JSON.stringify(part)}`).toBe(true);
    parts.forEach((a, i) => {
      parts.slice(i + 1).forEach((b, k) => { expect(overlaps(a, b), `${count}: parts ${i} and ${i + 1 + k}`).toBe(false); });
    });
    expect(l.grid.width).toBeCloseTo(l.grid.height);
    // two models leave the grid its full size; four still leave it room to draw
    if (count <= 2) expect(l.grid.width, `${count}`).toBeGreaterThanOrEqual(minGrid);
    expect(l.grid.width).toBeGreaterThanOrEqual(160);
    expect(l.clear.height).toBeGreaterThanOrEqual(44);
  }
});

test('a wide screen puts the cards side by side beside the grid; a phone stacks them under it', () => {
  const wide = computeCompareLayout(1280, 800, 3);
  const ys = new Set(wide.cards.map((card) => card.y));
  expect(ys.size).toBe(1);
  for (const card of wide.cards) expect(card.x).toBeGreaterThan(wide.grid.x + wide.grid.width);
  const phone = computeCompareLayout(390, 844, 3);
  phone.cards.forEach((card, i) => {
    expect(card.y).toBeGreaterThan(phone.grid.y + phone.grid.height);
    if (i > 0) expect(card.y).toBeGreaterThan(phone.cards[i - 1]?.y ?? Infinity);
    expect(card.width).toBeGreaterThan(300);
  });
});
