import { describe, expect, test } from 'vitest';
import { labelComponents } from '../../../common/segmentation/components.ts';
import { inkImage } from '../../../common/digit.ts';

/** '#' = full ink, '+' = faint ink (0.1), '.' = paper */
function picture(rows: readonly string[]) {
  const width = rows[0]?.length ?? 0;
  const pixels = new Float32Array(rows.join('').split('').map((c) => (c === '#' ? 1 : c === '+' ? 0.1 : 0)));
  return inkImage(width, rows.length, pixels);
}

describe('labelComponents', () => {
  test.each([
    { name: 'blank', rows: ['....', '....'], count: 0 },
    { name: 'diagonal pixels are one stroke (8-connectivity)', rows: ['#...', '.#..', '..#.', '...#'], count: 1 },
    { name: 'a gap of one column separates', rows: ['#.#', '#.#'], count: 2 },
    { name: 'faint ink alone is no component', rows: ['++..', '....'], count: 0 },
    { name: 'faint ink does not bridge two strokes', rows: ['#+#', '#+#'], count: 2 },
  ])('$name', ({ rows, count }) => {
    expect(labelComponents(picture(rows), 0.25).components).toHaveLength(count);
  });

  test('a faint fringe joins the stroke it touches, and bounds and mass include it', () => {
    const { labels, components } = labelComponents(picture(['.+##.', '..##.', '.....']), 0.25);
    expect(components).toHaveLength(1);
    expect({ ...components[0], mass: 0 }).toEqual({ id: 1, mass: 0, x0: 1, y0: 0, x1: 3, y1: 1 });
    expect(components[0]?.mass).toBeCloseTo(4.1, 5);
    expect(labels[1]).toBe(1);
  });
});
