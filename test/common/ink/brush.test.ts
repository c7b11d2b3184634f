import { describe, expect, test } from 'vitest';
import { DEFAULT_BRUSH, distanceToSegment, falloff, stamp, stroke, type Brush } from '../../../common/ink/brush.ts';
import { clearGrid, createGrid, inkAt, isBlank, raiseInk } from '../../../common/ink/grid.ts';

const BRUSH: Brush = { core: 0.75, radius: 1.75, peak: 1 };

describe('grid', () => {
  test('starts blank, any size', () => {
    const grid = createGrid(112, 28);
    expect(grid.cells).toHaveLength(112 * 28);
    expect(isBlank(grid)).toBe(true);
  });

  test.each([[0, 28], [28.5, 28], [-1, 5]])('rejects a %s x %s grid', (w, h) => {
    expect(() => createGrid(w, h)).toThrow(RangeError);
  });

  test('raiseInk keeps the larger value, clamps to 1 and ignores cells outside', () => {
    const grid = createGrid(4, 4);
    expect(raiseInk(grid, 1, 1, 0.6)).toBe(true);
    expect(raiseInk(grid, 1, 1, 0.3)).toBe(false);
    expect(inkAt(grid, 1, 1)).toBeCloseTo(0.6);
    raiseInk(grid, 1, 1, 7);
    expect(inkAt(grid, 1, 1)).toBe(1);
    expect(raiseInk(grid, 4, 0, 1)).toBe(false);
    expect(raiseInk(grid, -1, 0, 1)).toBe(false);
  });

  test('clear empties the grid and bumps the version', () => {
    const grid = createGrid(28, 28);
    stamp(grid, { gx: 14, gy: 14 });
    const version = grid.version;
    clearGrid(grid);
    expect(isBlank(grid)).toBe(true);
    expect(grid.version).toBeGreaterThan(version);
  });
});

describe('falloff', () => {
  test.each([
    { d: 0, ink: 1 },
    { d: 0.75, ink: 1 },
    { d: 1.25, ink: 0.5 },
    { d: 1.75, ink: 0 },
    { d: 3, ink: 0 },
  ])('$d cells from the centre line gives $ink', ({ d, ink }) => {
    expect(falloff(BRUSH, d)).toBeCloseTo(ink, 5);
  });

  test('never increases with distance', () => {
    for (let d = 0; d < 2; d += 0.05) expect(falloff(BRUSH, d + 0.05)).toBeLessThanOrEqual(falloff(BRUSH, d));
  });
});

describe('stamp and stroke', () => {
  test('a dab at a cell centre: full ink there, soft round edge, symmetric', () => {
    const grid = createGrid(28, 28);
    stamp(grid, { gx: 10.5, gy: 10.5 }, BRUSH);
    expect(inkAt(grid, 10, 10)).toBe(1);
    expect(inkAt(grid, 11, 10)).toBeCloseTo(falloff(BRUSH, 1), 5);
    expect(inkAt(grid, 11, 11)).toBeCloseTo(falloff(BRUSH, Math.SQRT2), 5);
    expect(inkAt(grid, 9, 10)).toBe(inkAt(grid, 11, 10));
    expect(inkAt(grid, 10, 12)).toBe(0);
    expect(inkAt(grid, 11, 10)).toBeGreaterThan(inkAt(grid, 11, 11));
  });

  test('combines with existing ink by max: a faint edge never lowers a dark cell', () => {
    const grid = createGrid(28, 28);
    stamp(grid, { gx: 10.5, gy: 10.5 }, BRUSH);
    const before = Float32Array.from(grid.cells);
    stamp(grid, { gx: 11.9, gy: 10.5 }, BRUSH);
    for (let i = 0; i < before.length; i++) expect(grid.cells[i]).toBeGreaterThanOrEqual(before[i] ?? 0);
    expect(inkAt(grid, 10, 10)).toBe(1);
  });

  test('a fast stroke (two samples far apart) leaves no gap along its line', () => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: 2.5, gy: 3.2 }, { gx: 25.5, gy: 24.1 }, BRUSH);
    for (let t = 0; t <= 1; t += 0.01) {
      const gx = Math.floor(2.5 + t * 23);
      const gy = Math.floor(3.2 + t * 20.9);
      expect(inkAt(grid, gx, gy), `cell ${gx},${gy}`).toBeGreaterThan(0.7);
    }
  });

  test('reports change and bumps the version only when ink was added', () => {
    const grid = createGrid(28, 28);
    expect(stroke(grid, { gx: 5, gy: 5 }, { gx: 9, gy: 5 })).toBe(true);
    const version = grid.version;
    expect(stroke(grid, { gx: 5, gy: 5 }, { gx: 9, gy: 5 })).toBe(false);
    expect(grid.version).toBe(version);
  });

  test('strokes off the grid are clipped, not wrapped', () => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: -5, gy: 0.5 }, { gx: 0.2, gy: 0.5 }, DEFAULT_BRUSH);
    expect(inkAt(grid, 0, 0)).toBe(1);
    expect(inkAt(grid, 27, 0)).toBe(0);
    expect(inkAt(grid, 27, 27)).toBe(0);
  });
});

describe('distanceToSegment', () => {
  test.each([
    { x: 1, y: 1, d: 1 },
    { x: -3, y: 0, d: 3 },
    { x: 13, y: -4, d: 5 },
  ])('($x, $y) to the segment (0,0)-(10,0) is $d', ({ x, y, d }) => {
    expect(distanceToSegment(x, y, { gx: 0, gy: 0 }, { gx: 10, gy: 0 })).toBeCloseTo(d);
  });
});
