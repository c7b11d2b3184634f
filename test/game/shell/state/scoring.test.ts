import { expect, test } from 'vitest';
import { MAX_STREAK_BONUS, maxScore, pointsForWin } from '../../../../game/shell/state/scoring.ts';

test.each<[number, number, number, number]>([
  // msLeft, roundMs, streak, total
  [15_000, 15_000, 1, 200],
  [7_500, 15_000, 1, 150],
  [0, 15_000, 1, 100],
  [-5, 15_000, 1, 100],
  [20_000, 15_000, 1, 200],
  [7_500, 15_000, 2, 175],
  [7_500, 15_000, 3, 200],
  [0, 15_000, 100, 100 + MAX_STREAK_BONUS],
])('pointsForWin(%i ms left of %i, streak %i) = %i', (msLeft, roundMs, streak, total) => {
  const points = pointsForWin(msLeft, roundMs, streak);
  expect(points.total).toBe(total);
  expect(points.base + points.speed + points.streak).toBe(total);
});

test('maxScore is every round won instantly', () => {
  expect(maxScore(1)).toBe(200);
  expect(maxScore(3)).toBe(200 + 225 + 250);
});
