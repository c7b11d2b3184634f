import { IMAGE_SIZE } from '../../common/digit.ts';
import { createRandom, randomIndex, uniform, type Random } from '../../common/random.ts';
import { DEFAULT_BRUSH, stroke, type GridPoint } from '../../common/ink/brush.ts';
import { createGrid, type Grid } from '../../common/ink/grid.ts';

/**
 * Things a player draws on the 28x28 grid that are not digits, as pen strokes in grid cells, so the
 * benchmark and the tests rasterise them with the game's own brush (and an e2e test can draw the same
 * strokes with the mouse). Deterministic: the same seed gives the same shapes.
 */

export type PenStroke = readonly GridPoint[];

export const NON_DIGIT_KINDS = ['dot', 'dash', 'tick', 'scribble', 'letter'] as const;
export type NonDigitKind = (typeof NON_DIGIT_KINDS)[number];

export interface NonDigit {
  readonly kind: NonDigitKind;
  /** e.g. "dot", "dash 5.2 cells", "letter K" */
  readonly label: string;
  readonly strokes: readonly PenStroke[];
}

/**
 * Letters no digit resembles (no O, I, S, Z, B, G, L, ...), as polylines in a unit box (x right,
 * y down), one array per pen stroke.
 */
const LETTERS: Readonly<Record<string, readonly (readonly (readonly [number, number])[])[]>> = {
  A: [[[0, 1], [0.5, 0], [1, 1]], [[0.25, 0.55], [0.75, 0.55]]],
  E: [[[1, 0], [0, 0], [0, 1], [1, 1]], [[0, 0.5], [0.7, 0.5]]],
  F: [[[1, 0], [0, 0], [0, 1]], [[0, 0.5], [0.7, 0.5]]],
  H: [[[0, 0], [0, 1]], [[1, 0], [1, 1]], [[0, 0.5], [1, 0.5]]],
  K: [[[0, 0], [0, 1]], [[1, 0], [0, 0.55], [1, 1]]],
  M: [[[0, 1], [0, 0], [0.5, 0.6], [1, 0], [1, 1]]],
  N: [[[0, 1], [0, 0], [1, 1], [1, 0]]],
  W: [[[0, 0], [0.25, 1], [0.5, 0.4], [0.75, 1], [1, 0]]],
  X: [[[0, 0], [1, 1]], [[1, 0], [0, 1]]],
  Y: [[[0, 0], [0.5, 0.5], [1, 0]], [[0.5, 0.5], [0.5, 1]]],
};

/** `count` shapes of each kind, from `seed`. */
export function nonDigits(count: number, seed: number): NonDigit[] {
  const random = createRandom(seed);
  const shapes: NonDigit[] = [];
  for (const kind of NON_DIGIT_KINDS) {
    for (let i = 0; i < count; i++) shapes.push(makeShape(kind, random));
  }
  return shapes;
}

export function makeShape(kind: NonDigitKind, random: Random): NonDigit {
  const at = (): GridPoint => ({ gx: uniform(random, 6, 22), gy: uniform(random, 6, 22) });
  switch (kind) {
    case 'dot': {
      // a click, or a few clicks scattered: too little ink however far apart
      const dots = 1 + randomIndex(random, 3);
      return { kind, label: dots === 1 ? 'dot' : `${dots} dots`, strokes: Array.from({ length: dots }, () => [at()]) };
    }
    case 'dash': {
      const length = uniform(random, 2, 16);
      const angle = uniform(random, -0.5, 0.5);
      return { kind, label: `dash ${length.toFixed(1)} cells`, strokes: [line(at(), length, angle)] };
    }
    case 'tick': {
      // a short near-vertical stroke, or a check mark
      const length = uniform(random, 2, 7);
      const start = at();
      if (random.next() < 0.5) return { kind, label: `tick ${length.toFixed(1)} cells`, strokes: [line(start, length, Math.PI / 2 + uniform(random, -0.4, 0.4))] };
      const down = { gx: start.gx + length * 0.35, gy: start.gy + length * 0.35 };
      return { kind, label: `check ${length.toFixed(1)} cells`, strokes: [[start, down, { gx: down.gx + length * 0.6, gy: down.gy - length * 0.8 }]] };
    }
    case 'scribble': {
      const size = uniform(random, 8, 20);
      const x0 = uniform(random, 2, IMAGE_SIZE - 2 - size);
      const y0 = uniform(random, 2, IMAGE_SIZE - 2 - size);
      const points = 6 + randomIndex(random, 10);
      const path = Array.from({ length: points }, () => ({ gx: x0 + size * random.next(), gy: y0 + size * random.next() }));
      return { kind, label: `scribble of ${points} points, ${size.toFixed(0)} cells`, strokes: [path] };
    }
    case 'letter': {
      const names = Object.keys(LETTERS);
      const name = names[randomIndex(random, names.length)] ?? 'X';
      const height = uniform(random, 10, 20);
      const width = height * uniform(random, 0.6, 1);
      const x0 = uniform(random, 2, IMAGE_SIZE - 2 - width);
      const y0 = uniform(random, 2, IMAGE_SIZE - 2 - height);
      const jitter = (): number => uniform(random, -0.6, 0.6);
      const strokes = (LETTERS[name] ?? []).map((path) => path.map(([u, v]) => ({ gx: x0 + u * width + jitter(), gy: y0 + v * height + jitter() })));
      return { kind, label: `letter ${name}`, strokes };
    }
  }
}

function line(start: GridPoint, length: number, angle: number): PenStroke {
  return [start, { gx: start.gx + length * Math.cos(angle), gy: start.gy + length * Math.sin(angle) }];
}

/** The strokes inked on a fresh grid with the game's brush, segment by segment as the pointer input does. */
export function rasterise(strokes: readonly PenStroke[], width = IMAGE_SIZE, height = IMAGE_SIZE): Grid {
  const grid = createGrid(width, height);
  for (const path of strokes) {
    const [first, ...rest] = path;
    if (first === undefined) continue;
    stroke(grid, first, first, DEFAULT_BRUSH);
    let previous = first;
    for (const point of rest) {
      stroke(grid, previous, point, DEFAULT_BRUSH);
      previous = point;
    }
  }
  return grid;
}
