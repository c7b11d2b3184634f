import { describe, expect, test } from 'vitest';
import { computeMenuLayout } from '../../../../../game/modes/menu/layout/menuLayout.ts';
import { inside, overlap, SCREENS } from '../../../../support/layoutRects.ts';

describe.each(SCREENS)('on %ix%i', (width, height) => {
  test.each([3, 4, 5, 6, 7])('the menu of %i entries fits, its buttons touch targets, scores, message and credits included', (entries) => {
    const layout = computeMenuLayout(width, height, entries);
    expect(layout.buttons).toHaveLength(entries);
    for (const rect of [layout.title, layout.subtitle, ...layout.buttons, layout.scores, layout.footer, layout.credits]) {
      expect(inside(rect, width, height)).toBe(true);
    }
    for (const rect of [layout.title, layout.subtitle, ...layout.buttons, layout.scores, layout.footer]) {
      expect(overlap(rect, layout.credits)).toBe(false);
    }
    for (const [i, a] of layout.buttons.entries()) {
      expect(a.height).toBeGreaterThanOrEqual(44);
      for (const b of layout.buttons.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
  });
});

test('six entries on a short wide screen read in two columns, row by row; on a phone in one', () => {
  const wide = computeMenuLayout(800, 600, 6).buttons;
  expect(new Set(wide.map((b) => b.x)).size).toBe(2);
  expect(wide[0]?.y).toBe(wide[1]?.y);
  expect(wide[1]?.x).toBeGreaterThan(wide[0]?.x ?? Number.POSITIVE_INFINITY);
  expect(new Set(computeMenuLayout(390, 844, 6).buttons.map((b) => b.x)).size).toBe(1);
  expect(new Set(computeMenuLayout(1280, 800, 4).buttons.map((b) => b.x)).size).toBe(1);
});

test('the credits take one line on a laptop and two on a phone, where one would shrink below legible', () => {
  const laptop = computeMenuLayout(1280, 800, 8);
  expect(laptop.creditLines).toBe(1);
  expect(computeMenuLayout(800, 600, 8).creditLines).toBe(1);
  for (const [width, height] of [[390, 844], [360, 640]] as const) {
    const layout = computeMenuLayout(width, height, 8);
    expect(layout.creditLines).toBe(2);
    // taller than the laptop's one line, in units
    expect(layout.credits.height).toBeGreaterThan(laptop.credits.height / laptop.unit * layout.unit);
  }
});
