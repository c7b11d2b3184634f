import type { InkImage } from '../digit.ts';

/**
 * Connected components of ink, the atoms segmentation works with.
 *
 * Pixels with ink at or above `threshold` are labelled with 8-connectivity (a diagonal stroke drawn
 * pixel by pixel is still one stroke). Fainter pixels, the soft fringe of a brush or of MNIST's
 * anti-aliasing, are then given the label of an adjacent labelled pixel, so a digit cut out of the
 * canvas keeps its fringe without the fringe gluing neighbouring digits together.
 */

export interface Component {
  /** the label in `Components.labels`, from 1 */
  readonly id: number;
  /** sum of ink (0..1 per pixel), fringe included */
  readonly mass: number;
  /** inclusive bounds in image coordinates */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Components {
  /** one label per pixel, row-major like the image: 0 = no ink (or too faint and isolated) */
  readonly labels: Int32Array;
  readonly components: readonly Component[];
}

export function labelComponents(image: InkImage, threshold: number): Components {
  const { width, height, pixels } = image;
  const labels = new Int32Array(width * height);
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== 0 || (pixels[start] ?? 0) < threshold) continue;
    next += 1;
    labels[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      const x = index % width;
      const y = (index - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const neighbour = ny * width + nx;
          if (labels[neighbour] === 0 && (pixels[neighbour] ?? 0) >= threshold) {
            labels[neighbour] = next;
            stack.push(neighbour);
          }
        }
      }
    }
  }
  growIntoFringe(image, labels);
  return { labels, components: describe(image, labels, next) };
}

/** One pass: each faint unlabelled ink pixel takes the first label found among its 8 neighbours. */
function growIntoFringe(image: InkImage, labels: Int32Array): void {
  const { width, height, pixels } = image;
  const grown: [number, number][] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (labels[index] !== 0 || (pixels[index] ?? 0) <= 0) continue;
      let found = 0;
      for (let dy = -1; dy <= 1 && found === 0; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1 && found === 0; dx++) {
          const nx = x + dx;
          if (nx >= 0 && nx < width) found = labels[ny * width + nx] ?? 0;
        }
      }
      if (found !== 0) grown.push([index, found]);
    }
  }
  // Applied after the scan so a label spreads by exactly one pixel, independent of scan order.
  for (const [index, label] of grown) labels[index] = label;
}

function describe(image: InkImage, labels: Int32Array, count: number): Component[] {
  const { width, pixels } = image;
  const mass = new Float64Array(count + 1);
  const x0 = new Int32Array(count + 1).fill(0x7fffffff);
  const y0 = new Int32Array(count + 1).fill(0x7fffffff);
  const x1 = new Int32Array(count + 1).fill(-1);
  const y1 = new Int32Array(count + 1).fill(-1);
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index] ?? 0;
    if (label === 0) continue;
    const x = index % width;
    const y = (index - x) / width;
    mass[label] = (mass[label] ?? 0) + Math.min(1, pixels[index] ?? 0);
    if (x < (x0[label] ?? 0)) x0[label] = x;
    if (x > (x1[label] ?? 0)) x1[label] = x;
    if (y < (y0[label] ?? 0)) y0[label] = y;
    if (y > (y1[label] ?? 0)) y1[label] = y;
  }
  const components: Component[] = [];
  for (let id = 1; id <= count; id++) {
    components.push({ id, mass: mass[id] ?? 0, x0: x0[id] ?? 0, y0: y0[id] ?? 0, x1: x1[id] ?? 0, y1: y1[id] ?? 0 });
  }
  return components;
}
