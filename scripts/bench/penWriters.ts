import { NUM_CLASSES } from '../../common/digit.ts';
import { countPerClass, selectExamples, type Examples } from '../../common/personal/examples.ts';
import { loadPenFile, samplesOf, writerKey, writerParts } from '../../ml/data/pen.ts';
import { packImages, standardPenImage } from '../../ml/data/penImages.ts';

/**
 * Real writers for the teaching bench: UNIPEN writers (PEN_DIR, see ml/data/pen.ts) of the test and
 * validation parts of the writer-disjoint split, whose digits the shipped model never learnt from
 * (validation chose its threshold, not its weights); the test part alone has only two writers with
 * five digits of every class to spare.
 * Each writer's digits are drawn with the game's brush and preprocessed as a drawing is, in the
 * order the writer wrote them: the first K of each class are what a player would teach, the rest
 * what teaching is measured on.
 */

export interface PenWriter {
  /** contributor/writer */
  readonly name: string;
  readonly digits: Examples;
}

/** Test- and validation-part writers with at least `minPerClass` digits of every class, by name. */
export async function penTestWriters(penDir: string, minPerClass: number): Promise<PenWriter[]> {
  const samples = await loadPenFile(penDir, 'digits');
  const parts = writerParts(samples);
  const tested = [...samplesOf(samples, parts, 'test'), ...samplesOf(samples, parts, 'validation')];
  const byWriter = new Map<string, { images: Float32Array[]; labels: number[] }>();
  for (const sample of tested) {
    if (typeof sample.label !== 'number') continue;
    const image = standardPenImage(sample.strokes);
    if (image === null) continue;
    const key = writerKey(sample.contributor, sample.writer);
    const writer = byWriter.get(key) ?? { images: [], labels: [] };
    writer.images.push(image);
    writer.labels.push(sample.label);
    byWriter.set(key, writer);
  }
  const writers: PenWriter[] = [];
  for (const [name, { images, labels }] of [...byWriter].sort(([a], [b]) => a.localeCompare(b))) {
    const digits = { images: packImages(images), labels: Uint8Array.from(labels) };
    if (Math.min(...countPerClass(digits.labels)) >= minPerClass) writers.push({ name, digits });
  }
  return writers;
}

/** A writer's first `k` digits of each class (taught) and all the others (measured). */
export function splitFirstPerClass(digits: Examples, k: number): { readonly taught: Examples; readonly rest: Examples } {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  const taught: number[] = [];
  const rest: number[] = [];
  digits.labels.forEach((label, i) => {
    if ((counts[label] ?? 0) < k) {
      counts[label] = (counts[label] ?? 0) + 1;
      taught.push(i);
    } else rest.push(i);
  });
  return { taught: selectExamples(digits, taught), rest: selectExamples(digits, rest) };
}
