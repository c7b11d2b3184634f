import type * as tfjs from '@tensorflow/tfjs';
import { IMAGE_SIZE } from './digit.ts';
import { uniform, type Random } from './random.ts';

/**
 * Random distortions that mimic how people draw: slant (rotation, shear), size (zoom), placement
 * (shift) and pen width (thickness). Applied per batch on the backend, so augmentation costs a
 * fraction of a training step. The tf namespace comes in as a parameter so that Node training
 * (ml/data/augment.ts) and fine-tuning in the browser run this same code.
 */

export interface Augmentation {
  /** max rotation, degrees */
  readonly rotation: number;
  /** max relative zoom, e.g. 0.1 = 90 %..110 % */
  readonly zoom: number;
  /** max shift as a fraction of the image side */
  readonly shift: number;
  /** max shear, degrees */
  readonly shear: number;
  /** probability of making a digit's strokes thicker or thinner by about one pixel */
  readonly thickness: number;
}

/** Input and output: [batch, 28, 28, 1], 0..1. */
export function augmentImages(tf: typeof tfjs, images: tfjs.Tensor4D, settings: Augmentation, random: Random): tfjs.Tensor4D {
  const batch = images.shape[0];
  const transforms = new Float32Array(batch * 8);
  const dilate = new Float32Array(batch);
  const erode = new Float32Array(batch);
  for (let i = 0; i < batch; i++) {
    transforms.set(inverseAffine(settings, random), i * 8);
    if (random.next() < settings.thickness) {
      // Partial blends make the change in width continuous rather than a whole pixel each side.
      const amount = uniform(random, 0.3, 1);
      if (random.next() < 0.5) dilate[i] = amount;
      else erode[i] = amount * 0.6;
    }
  }
  return tf.tidy(() => {
    let x: tfjs.Tensor4D = images;
    if (settings.thickness > 0) {
      const thick = tf.maxPool(x, 3, 1, 'same');
      const thin = tf.neg(tf.maxPool(tf.neg(x), 3, 1, 'same'));
      const d = tf.tensor4d(dilate, [batch, 1, 1, 1]);
      const e = tf.tensor4d(erode, [batch, 1, 1, 1]);
      x = tf.add(x, tf.add(tf.mul(d, tf.sub(thick, x)), tf.mul(e, tf.sub(thin, x))));
    }
    return tf.image.transform(x, tf.tensor2d(transforms, [batch, 8]), 'bilinear', 'constant', 0);
  });
}

/**
 * tf.image.transform maps each OUTPUT pixel to the input point it samples, so this returns the
 * inverse of "rotate, shear and zoom about the centre, then shift", as the 8 projective parameters.
 */
function inverseAffine(settings: Augmentation, random: Random): number[] {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const angle = radians(uniform(random, -settings.rotation, settings.rotation));
  const shear = radians(uniform(random, -settings.shear, settings.shear));
  const zoom = uniform(random, 1 - settings.zoom, 1 + settings.zoom);
  const shiftX = uniform(random, -settings.shift, settings.shift) * IMAGE_SIZE;
  const shiftY = uniform(random, -settings.shift, settings.shift) * IMAGE_SIZE;
  // forward: A = zoom * R(angle) * Shear(shear), where Shear = [[1, tan], [0, 1]]
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const tan = Math.tan(shear);
  const a = zoom * cos;
  const b = zoom * (cos * tan - sin);
  const c = zoom * sin;
  const d = zoom * (sin * tan + cos);
  const det = a * d - b * c;
  const [ia, ib, ic, id] = [d / det, -b / det, -c / det, a / det];
  // input = A^-1 (output - centre - shift) + centre; the centre of pixel indices is (27/2, 27/2)
  const centre = (IMAGE_SIZE - 1) / 2;
  const ox = centre + shiftX;
  const oy = centre + shiftY;
  return [ia, ib, centre - ia * ox - ib * oy, ic, id, centre - ic * ox - id * oy, 0, 0];
}
