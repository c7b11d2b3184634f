import { describe, expect, test } from 'vitest';
import { computeSummaryLayout } from '../../../../../game/modes/challenge/layout/summaryLayout.ts';
import { inside, overlap, SCREENS } from '../../../../support/layoutRects.ts';

describe.each(SCREENS)('on %ix%i', (width, height) => {
  test.each([1, 3, 8, 12, 20].flatMap((count) => [[count, false], [count, true]] as const))('a summary of %i rounds (digit buttons: %s) fits without overlaps', (count, digits) => {
    const layout = computeSummaryLayout(width, height, count, digits);
    expect(layout.cards).toHaveLength(count);
    expect(layout.digits).toHaveLength(digits ? 10 : 0);
    // touch targets, in reading order: 0 first, left to right, then the next row
    for (const rect of layout.digits) expect(Math.min(rect.width, rect.height)).toBeGreaterThanOrEqual(40);
    for (const [i, rect] of layout.digits.slice(1).entries()) {
      const before = layout.digits[i];
      if (before !== undefined) expect(rect.y > before.y || (rect.y === before.y && rect.x > before.x)).toBe(true);
    }
    const all = [layout.title, layout.score, ...layout.cards, ...(digits ? [layout.status] : []), ...layout.digits, layout.playAgain, layout.back];
    for (const rect of all) expect(inside(rect, width, height)).toBe(true);
    for (const [i, a] of all.entries()) for (const b of all.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    expect(layout.cards[0]?.width).toBeGreaterThanOrEqual(Math.min(60, width / 8));
  });
});

test('a short game fits on one row on a laptop screen; eight rounds take at most two rows', () => {
  expect(new Set(computeSummaryLayout(1280, 800, 3).cards.map((c) => c.y)).size).toBe(1);
  expect(new Set(computeSummaryLayout(1280, 800, 8).cards.map((c) => c.y)).size).toBeLessThanOrEqual(2);
});
