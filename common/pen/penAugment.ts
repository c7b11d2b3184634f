import { DEFAULT_BRUSH, type Brush } from '../ink/brush.ts';
import { IMAGE_SIZE } from '../digit.ts';
import { uniform, type Random } from '../random.ts';
import { fitPath, pathBounds, transformPath, type PathPlacement, type PenStrokes } from './penPath.ts';

/**
 * Distortions of a pen path itself, before it is drawn: the same writer never writes a digit twice
 * alike (rotation, slant, stretch, a shaky hand), and players draw at their own size, place and
 * pen width. Distorting the path keeps strokes one brush wide, which distorting a drawn image
 * (common/augment.ts) cannot.
 */
export interface PathAugmentation {
  /** max rotation, degrees */
  readonly rotation: number;
  /** max slant: x shifted by this fraction of y, either way */
  readonly slant: number;
  /** max relative stretch of the width against the height */
  readonly stretch: number;
  /** standard deviation of each point's jitter, as a fraction of the path's longer side */
  readonly jitter: number;
  /**
   * largest bend of the path by a smooth field (a few long waves across the character), as a
   * fraction of its longer side: a loop a little wider, a flag a little longer, a stroke curved
   * where this writer's ran straight; absent or 0: none
   */
  readonly warp?: number;
  /** the longer side on the 28-cell grid, in cells: [smallest, largest] */
  readonly size: readonly [number, number];
  /** the brush's width relative to the game's: [thinnest, widest] */
  readonly brushScale: readonly [number, number];
}

export const PEN_AUGMENTATION: PathAugmentation = {
  rotation: 12,
  slant: 0.3,
  stretch: 0.15,
  jitter: 0.008,
  size: [6, 24],
  brushScale: [0.8, 1.3],
};

export interface AugmentedPath {
  readonly strokes: number[][];
  readonly placement: PathPlacement;
  readonly brush: Brush;
}

export function augmentPath(strokes: PenStrokes, settings: PathAugmentation, random: Random): AugmentedPath {
  const angle = (uniform(random, -1, 1) * settings.rotation * Math.PI) / 180;
  const slant = uniform(random, -1, 1) * settings.slant;
  const stretch = 1 + uniform(random, -1, 1) * settings.stretch;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // rotation after slant after stretch: [[cos, -sin], [sin, cos]] x [[1, slant], [0, 1]] x [[stretch, 0], [0, 1]]
  const moved = transformPath(strokes, cos * stretch, cos * slant - sin, sin * stretch, sin * slant + cos);
  const bent = settings.warp ? warpPath(moved, settings.warp, random) : moved;
  const shaken = jitterPath(bent, settings.jitter, random);
  const size = uniform(random, settings.size[0], settings.size[1]);
  const margin = size / 2 + 1;
  const centreX = uniform(random, Math.min(margin, IMAGE_SIZE / 2), Math.max(IMAGE_SIZE - margin, IMAGE_SIZE / 2));
  const centreY = uniform(random, Math.min(margin, IMAGE_SIZE / 2), Math.max(IMAGE_SIZE - margin, IMAGE_SIZE / 2));
  const widen = uniform(random, settings.brushScale[0], settings.brushScale[1]);
  return {
    strokes: shaken,
    placement: fitPath(shaken, size, centreX, centreY),
    brush: { core: DEFAULT_BRUSH.core * widen, radius: DEFAULT_BRUSH.radius * widen, peak: DEFAULT_BRUSH.peak },
  };
}

/** Waves per axis in the warp field, and their frequencies in cycles across the character. */
const WARP_WAVES = 2;
const WARP_CYCLES: readonly [number, number] = [0.3, 1.2];

/**
 * Every point moved by the same smooth field, a sum of a few plane waves over the character's box:
 * neighbouring points move alike, so strokes stay strokes while their shape changes.
 */
export function warpPath(strokes: PenStrokes, amount: number, random: Random): number[][] {
  const box = pathBounds(strokes);
  const side = Math.max(box.x1 - box.x0, box.y1 - box.y0, 1e-6);
  const wave = () => {
    const cycles = uniform(random, WARP_CYCLES[0], WARP_CYCLES[1]);
    const direction = uniform(random, 0, 2 * Math.PI);
    return {
      fx: (2 * Math.PI * cycles * Math.cos(direction)) / side,
      fy: (2 * Math.PI * cycles * Math.sin(direction)) / side,
      phase: uniform(random, 0, 2 * Math.PI),
      size: (uniform(random, -1, 1) * amount * side) / WARP_WAVES,
    };
  };
  const xWaves = Array.from({ length: WARP_WAVES }, wave);
  const yWaves = Array.from({ length: WARP_WAVES }, wave);
  const field = (waves: typeof xWaves, x: number, y: number) => waves.reduce((sum, w) => sum + w.size * Math.sin(w.fx * x + w.fy * y + w.phase), 0);
  return strokes.map((points) => {
    const out = points.slice();
    for (let i = 0; i + 1 < out.length; i += 2) {
      const x = out[i] ?? 0;
      const y = out[i + 1] ?? 0;
      out[i] = x + field(xWaves, x, y);
      out[i + 1] = y + field(yWaves, x, y);
    }
    return out;
  });
}

/** Each point moved by smooth noise: the offset drifts from point to point rather than jumping. */
function jitterPath(strokes: PenStrokes, amount: number, random: Random): number[][] {
  let extent = 0;
  for (const points of strokes) for (const v of points) extent = Math.max(extent, Math.abs(v));
  const sigma = amount * Math.max(extent, 1e-6);
  return strokes.map((points) => {
    const out = points.slice();
    let ox = 0;
    let oy = 0;
    for (let i = 0; i + 1 < out.length; i += 2) {
      ox = 0.7 * ox + sigma * gaussian(random);
      oy = 0.7 * oy + sigma * gaussian(random);
      out[i] = (out[i] ?? 0) + ox;
      out[i + 1] = (out[i + 1] ?? 0) + oy;
    }
    return out;
  });
}

function gaussian(random: Random): number {
  const u = Math.max(random.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}
