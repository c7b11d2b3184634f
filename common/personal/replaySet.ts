import { IMAGE_PIXELS, NUM_CLASSES, inkFromBytes } from '../digit.ts';
import type { Examples } from './examples.ts';

/**
 * The replay set: MNIST training digits mixed into every fine-tuning batch so that the personal
 * model keeps reading everyone else's digits. Stored as uint8 (ink * 255, rounded) because the
 * preprocessed digits are anti-aliased bytes to begin with; float32 would be four times the size
 * for nothing. Layout: the 4 ASCII bytes MAGIC, a format version byte, the count as a little-endian
 * uint32, then `count` label bytes, then `count` x 784 pixel bytes, row-major.
 */

/** Site path; the repository file is assets/replay/mnist-replay.bin (npm run make-replay). */
export const REPLAY_PATH = 'replay/mnist-replay.bin';

const MAGIC = 'HDRP';
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + 4;

export function encodeReplay(examples: Examples): Uint8Array {
  const count = examples.labels.length;
  const bytes = new Uint8Array(HEADER_BYTES + count * (1 + IMAGE_PIXELS));
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  bytes[MAGIC.length] = VERSION;
  new DataView(bytes.buffer).setUint32(MAGIC.length + 1, count, true);
  bytes.set(examples.labels, HEADER_BYTES);
  const pixels = bytes.subarray(HEADER_BYTES + count);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(Math.min(1, Math.max(0, examples.images[i] ?? 0)) * 255);
  return bytes;
}

/**
 * Throws a clear Error on a file that is not a replay set of this version, truncated or padded;
 * `source` is the file as the user named it (finetune --replay), for the message.
 */
export function decodeReplay(bytes: Uint8Array, source: string = REPLAY_PATH): Examples {
  const fail = (why: string): never => {
    throw new Error(`replay set ${source}: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is shorter than its header`);
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) fail('not a replay set (wrong magic bytes)');
  if (bytes[MAGIC.length] !== VERSION) fail(`format version ${bytes[MAGIC.length]}, this game reads version ${VERSION}`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length + 1, true);
  if (count === 0) fail('it holds no digits');
  const expected = HEADER_BYTES + count * (1 + IMAGE_PIXELS);
  if (bytes.length !== expected) fail(`${count} digits need ${expected} bytes, the file has ${bytes.length} (${bytes.length < expected ? 'truncated' : 'trailing data'})`);
  const labels = bytes.slice(HEADER_BYTES, HEADER_BYTES + count);
  const bad = labels.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) fail(`label ${labels[bad]} at index ${bad} is not a digit 0..9`);
  return { images: inkFromBytes(bytes.subarray(HEADER_BYTES + count)), labels };
}
