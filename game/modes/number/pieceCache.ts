import type { ClassifyBatch } from '../../../common/segmentation/readNumber.ts';

/**
 * Remembers a model's output for each piece by the piece's input pixels, so a reading after a
 * stroke sends through the model only the pieces whose input changed, all of them in one batch:
 * writing the fourth digit of a number leaves the pieces of the first three as they were. The
 * answers are the model's own (the same input gives the same output), not an approximation.
 *
 * One cache per model function: given another (a personal model, the verifier once it arrives),
 * it starts empty. Bounded, least recently used first out, so hours of writing cannot grow it.
 */

/** Pieces a 4-digit number proposes are around a hundred; a few readings' worth. */
const DEFAULT_CAPACITY = 512;

interface Entry {
  readonly input: Float32Array;
  readonly output: Float32Array;
}

export class PieceCache {
  private model: ClassifyBatch | null = null;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** `model`, answering from the cache where it can. */
  wrap(model: ClassifyBatch): ClassifyBatch {
    return (batch) => this.classify(model, batch);
  }

  private async classify(model: ClassifyBatch, batch: readonly Float32Array[]): Promise<readonly Float32Array[]> {
    if (model !== this.model) {
      this.model = model;
      this.entries.clear();
    }
    const keys = batch.map(keyOf);
    const outputs: (Float32Array | undefined)[] = batch.map((input, i) => this.take(keys[i] ?? '', input));
    const missing = outputs.flatMap((output, i) => (output === undefined ? [i] : []));
    if (missing.length > 0) {
      const fresh = await model(missing.map((i) => batch[i] ?? new Float32Array()));
      if (fresh.length !== missing.length) throw new Error(`the model returned ${fresh.length} results for ${missing.length} inputs`);
      // a different model may have been wrapped while this one ran: its answers are not kept
      const keep = this.model === model;
      missing.forEach((i, j) => {
        const output = fresh[j] ?? new Float32Array();
        outputs[i] = output;
        const input = batch[i];
        if (keep && input !== undefined) this.put(keys[i] ?? '', { input: input.slice(), output });
      });
    }
    return outputs.map((output) => output ?? new Float32Array());
  }

  /** The output stored for exactly this input, now the most recently used; undefined if none. */
  private take(key: string, input: Float32Array): Float32Array | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || !sameValues(entry.input, input)) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.output;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}

/** Two 32-bit FNV-1a hashes of the values' bits (different offsets) and the length: collisions are
 * still told apart by comparing the values. */
function keyOf(input: Float32Array): string {
  const bits = new Uint32Array(input.buffer, input.byteOffset, input.length);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const word of bits) {
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ (word >>> 7), 0x01000193) ^ word;
  }
  return `${input.length}:${a >>> 0}:${b >>> 0}`;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
