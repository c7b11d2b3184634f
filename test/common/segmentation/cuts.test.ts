import { describe, expect, test } from 'vitest';
import { cheapestCut, severCosts } from '../../../common/segmentation/cutPaths.ts';
import { candidateCuts } from '../../../common/segmentation/cuts.ts';
import { inkImage } from '../../../common/digit.ts';

describe('candidateCuts', () => {
  test.each([
    { name: 'a flat valley is cut in its middle', cost: [9, 9, 9, 1, 1, 1, 9, 9, 9], cuts: [4] },
    { name: 'no valley, no cut', cost: [1, 2, 3, 4, 5, 6, 7], cuts: [] },
    { name: 'a valley too close to the edge leaves too narrow a piece', cost: [9, 1, 9, 9, 9, 9, 9, 9, 9], cuts: [] },
    { name: 'deepest valleys first, at most maxCuts, returned in order', cost: [9, 9, 5, 9, 9, 1, 9, 9, 3, 9, 9], cuts: [5, 8] },
  ])('$name', ({ cost, cuts }) => {
    expect(candidateCuts(Float32Array.from(cost), { minPiece: 2, maxCuts: 2 })).toEqual(cuts);
  });
});

/** '#' = ink, '.' = paper */
function picture(rows: readonly string[]) {
  const width = rows[0]?.length ?? 0;
  return inkImage(width, rows.length, Float32Array.from(rows.join(''), (c) => (c === '#' ? 1 : 0)));
}

describe('cheapestCut', () => {
  test('a straight gap costs nothing', () => {
    const cut = cheapestCut(severCosts(picture(['##..##', '##..##', '##..##'])), 3, 1);
    expect(cut.cost).toBe(0);
    expect([...cut.xs].every((x) => x >= 2 && x <= 4)).toBe(true);
  });

  test('slips between strokes that overlap in columns instead of slicing through them', () => {
    // The left digit's foot runs under the right digit's first stroke: no straight cut is free.
    const image = picture([
      '##...##',
      '##...##',
      '##..##.',
      '######.',
    ]);
    const cut = cheapestCut(severCosts(image), 3, 2);
    expect(cut.cost).toBeLessThanOrEqual(1);
    expect(cut.xs[0]).toBeGreaterThanOrEqual(2);
    expect(cut.xs[0]).toBeLessThanOrEqual(5);
  });

  test('crossing a horizontal stroke costs its thickness', () => {
    const cut = cheapestCut(severCosts(picture(['#.....#', '#######', '#######', '#.....#'])), 3, 1);
    expect(cut.cost).toBeCloseTo(2);
  });
});
