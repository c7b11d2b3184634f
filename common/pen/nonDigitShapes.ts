import { uniform, randomIndex, type Random } from '../random.ts';

/**
 * Pen paths of ink that is no digit and that no letter set holds: taps, short dashes and ticks,
 * tangled scribbles and filled-in blobs, in grid cells (they are drawn where they are, not fitted
 * to a digit's size: a tap is small, and only its size tells it from a 0). Kinds in this list are
 * what the learned "not a digit" answer is trained and measured on besides letters and unfinished
 * digits.
 */
export const SHAPE_KINDS = ['dots', 'dash', 'tick', 'scribble', 'filled'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

export function randomShape(kind: ShapeKind, random: Random): number[][] {
  const cx = uniform(random, 9, 19);
  const cy = uniform(random, 9, 19);
  switch (kind) {
    case 'dots': {
      const count = 1 + randomIndex(random, 3);
      return Array.from({ length: count }, () => [cx + uniform(random, -6, 6), cy + uniform(random, -6, 6)]);
    }
    case 'dash':
      return [line(cx, cy, uniform(random, 2, 9), uniform(random, 0, Math.PI))];
    case 'tick': {
      const angle = uniform(random, 0, 2 * Math.PI);
      const length = uniform(random, 2, 6);
      const first = line(cx, cy, length, angle);
      const turn = angle + uniform(random, 0.6, 2.2) * (random.next() < 0.5 ? -1 : 1);
      const endX = first[2] ?? cx;
      const endY = first[3] ?? cy;
      return [[...first, endX + length * Math.cos(turn), endY + length * Math.sin(turn)]];
    }
    case 'scribble':
      return [walk(cx, cy, 8 + randomIndex(random, 25), uniform(random, 4, 10), random)];
    case 'filled':
      return [zigzag(cx, cy, uniform(random, 5, 14), uniform(random, 4, 12), 4 + randomIndex(random, 10), random)];
  }
}

function line(cx: number, cy: number, length: number, angle: number): number[] {
  const dx = (length / 2) * Math.cos(angle);
  const dy = (length / 2) * Math.sin(angle);
  return [cx - dx, cy - dy, cx + dx, cy + dy];
}

/** A pen wandering with a turning heading, held inside a box of `reach` cells round the start. */
function walk(cx: number, cy: number, steps: number, reach: number, random: Random): number[] {
  const points = [cx, cy];
  let x = cx;
  let y = cy;
  let heading = uniform(random, 0, 2 * Math.PI);
  for (let i = 0; i < steps; i++) {
    heading += uniform(random, -1.6, 1.6);
    const step = uniform(random, 1, 3.5);
    x = Math.max(cx - reach, Math.min(cx + reach, x + step * Math.cos(heading)));
    y = Math.max(cy - reach, Math.min(cy + reach, y + step * Math.sin(heading)));
    points.push(x, y);
  }
  return points;
}

/** Back and forth across a box, the way a patch is coloured in. */
function zigzag(cx: number, cy: number, width: number, height: number, rows: number, random: Random): number[] {
  const points: number[] = [];
  for (let r = 0; r <= rows; r++) {
    const y = cy - height / 2 + (height * r) / rows + uniform(random, -0.5, 0.5);
    const side = r % 2 === 0 ? -1 : 1;
    points.push(cx + (side * width) / 2 + uniform(random, -1, 1), y);
  }
  return points;
}
