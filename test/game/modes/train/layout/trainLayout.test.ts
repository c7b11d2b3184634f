import { describe, expect, test } from 'vitest';
import { computeTrainLayout, TRAIN_BUTTONS } from '../../../../../game/modes/train/layout/trainLayout.ts';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';

const inside = (outer: Rect, r: Rect) => r.x >= outer.x - 0.01 && r.y >= outer.y - 0.01 && r.x + r.width <= outer.x + outer.width + 0.01 && r.y + r.height <= outer.y + outer.height + 0.01;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width - 0.01 && b.x < a.x + a.width - 0.01 && a.y < b.y + b.height - 0.01 && b.y < a.y + a.height - 0.01;

describe.each([
  ['desktop', 1280, 800, 'landscape'],
  ['small desktop', 1024, 640, 'landscape'],
  ['phone', 390, 844, 'portrait'],
  ['small phone', 360, 640, 'portrait'],
])('%s %dx%d', (_, width, height, orientation) => {
  const l = computeTrainLayout(width, height, 8);
  const parts: [string, Rect][] = [
    ['title', l.title], ['status', l.status], ['grid', l.grid], ['guess', l.guess], ['filters title', l.filtersTitle],
    ['accuracy', l.accuracyChart], ['loss', l.lossChart], ['footer', l.footer],
    ...TRAIN_BUTTONS.map((name): [string, Rect] => [name, l.buttons[name]]),
    ...l.filters.map((rect, i): [string, Rect] => [`filter ${i}`, rect]),
  ];

  test(`${orientation}: everything on screen, nothing overlapping`, () => {
    expect(l.orientation).toBe(orientation);
    const screen = { x: 0, y: 0, width, height };
    for (const [name, rect] of parts) expect(inside(screen, rect), name).toBe(true);
    for (const [i, [a, ra]] of parts.entries()) {
      for (const [b, rb] of parts.slice(i + 1)) expect(overlap(ra, rb), `${a} / ${b}`).toBe(false);
    }
  });

  test('touch-sized buttons, a drawable grid, filter tiles big enough to see 5x5 weights', () => {
    for (const name of TRAIN_BUTTONS) expect(l.buttons[name].height).toBeGreaterThanOrEqual(44);
    expect(l.grid.width).toBeGreaterThanOrEqual(180);
    expect(l.filters).toHaveLength(8);
    for (const tile of l.filters) expect(tile.width).toBeGreaterThanOrEqual(5 * 6);
    expect(l.accuracyChart.height).toBeGreaterThanOrEqual(100);
  });
});
