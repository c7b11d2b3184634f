import type { Examples } from '../personal/examples.ts';
import { decodeReplay, encodeReplay } from '../personal/replaySet.ts';
import { crc32 } from './crc32.ts';

/**
 * The Train mode's data: MNIST training digits the network learns from and MNIST test digits held
 * out to measure it, both already passed through the game's preprocessing (npm run
 * make-training-set). Layout: the 4 ASCII bytes MAGIC, a format version byte, the CRC-32 of
 * everything after the header and the training part's length in bytes (both little-endian
 * uint32), then the training digits and the held-out digits, each in the replay set's format
 * (common/personal/replaySet.ts: one byte per pixel). The checksum tells a damaged download from a
 * whole one before a single digit is read.
 */

/** Site path; the repository file is assets/train/mnist-train.bin. */
export const TRAINING_SET_PATH = 'train/mnist-train.bin';

const MAGIC = 'HDTS';
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + 4 + 4;

export interface TrainingSet {
  readonly train: Examples;
  readonly heldOut: Examples;
}

export function encodeTrainingSet(set: TrainingSet): Uint8Array {
  const train = encodeReplay(set.train);
  const heldOut = encodeReplay(set.heldOut);
  const bytes = new Uint8Array(HEADER_BYTES + train.length + heldOut.length);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  bytes[MAGIC.length] = VERSION;
  bytes.set(train, HEADER_BYTES);
  bytes.set(heldOut, HEADER_BYTES + train.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(MAGIC.length + 1, crc32(bytes.subarray(HEADER_BYTES)), true);
  view.setUint32(MAGIC.length + 5, train.length, true);
  return bytes;
}

/** Throws an Error saying what is wrong with a file that is not a whole training set of this version. */
export function decodeTrainingSet(bytes: Uint8Array, source: string = TRAINING_SET_PATH): TrainingSet {
  const fail = (why: string): never => {
    throw new Error(`training set ${source}: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is shorter than its header`);
  if (String.fromCharCode(...bytes.subarray(0, MAGIC.length)) !== MAGIC) fail('not a training set (wrong magic bytes)');
  if (bytes[MAGIC.length] !== VERSION) fail(`format version ${bytes[MAGIC.length]}, this game reads version ${VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expected = view.getUint32(MAGIC.length + 1, true);
  const trainBytes = view.getUint32(MAGIC.length + 5, true);
  if (crc32(bytes.subarray(HEADER_BYTES)) !== expected) fail('damaged or incomplete (checksum mismatch)');
  if (HEADER_BYTES + trainBytes > bytes.length) fail(`its training part (${trainBytes} bytes) runs past the end of the file`);
  return {
    train: decodeReplay(bytes.subarray(HEADER_BYTES, HEADER_BYTES + trainBytes), `${source} (training digits)`),
    heldOut: decodeReplay(bytes.subarray(HEADER_BYTES + trainBytes), `${source} (held-out digits)`),
  };
}
