import { DEFAULT_BRUSH, type Brush } from '../ink/brush.ts';
import { IMAGE_SIZE } from '../digit.ts';
import { uniform, type Random } from '../random.ts';
import { fitPath, transformPath, type PathPlacement, type PenStrokes } from './penPath.ts';

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
  const shaken = jitterPath(moved, settings.jitter, random);
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
