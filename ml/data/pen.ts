import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isRecord } from '../../common/isRecord.ts';
import type { PenStrokes } from '../../common/pen/penPath.ts';
import { sha256 } from './mnist.ts';

/**
 * Real pen handwriting: UNIPEN train_r01_v07's isolated digits and letters as pen strokes (CC BY 4.0;
 * I. Guyon et al., ICPR 1994; Unipen Consortium 1999, doi:10.5281/zenodo.1195803), read from
 * `--pen-dir` or `PEN_DIR`. Nothing downloads it: without it, training falls back to MNIST alone
 * and says so. Each file must match the SHA-256 of the copy the shipped model was trained on.
 */

export const PEN_FILES = { digits: 'digits.json.gz', letters: 'letters.json.gz' } as const;
export type PenFile = keyof typeof PEN_FILES;

export const PEN_SHA256: Readonly<Record<PenFile, string>> = {
  digits: '4f770613e95a9180a9e26a935112ff52d2cf7d0322f07714c5bca4006e325fcd',
  letters: 'b68865ffd8c98c6ddffd3628c8ba29918a504aeba5c19d9ea5e5a0cf123886f1',
};

export const PEN_CREDIT =
  'UNIPEN train_r01_v07 pen digits and letters (I. Guyon, L. Schomaker, R. Plamondon, M. Liberman, S. Janet, ICPR 1994; ' +
  'Unipen Consortium 1999, doi:10.5281/zenodo.1195803; CC BY 4.0)';

export class PenDataError extends Error {
  override name = 'PenDataError';
}

/** One character: `label` is a digit 0-9 or a one-letter string; the writer is (contributor, writer). */
export interface PenSample {
  readonly label: number | string;
  readonly contributor: string;
  readonly writer: string;
  readonly strokes: PenStrokes;
}

/** --pen-dir, then PEN_DIR; undefined when neither is set (there is no public mirror to fill a cache from). */
export function resolvePenDir(options: { readonly dataDir?: string | undefined; readonly env?: NodeJS.ProcessEnv }): string | undefined {
  const env = options.env ?? process.env;
  const fromEnv = env.PEN_DIR;
  // an empty PEN_DIR counts as unset
  return options.dataDir ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
}

/** A pen file from `dir`, verified against PEN_SHA256 before it is parsed. */
export async function loadPenFile(dir: string, file: PenFile): Promise<PenSample[]> {
  const path = join(dir, PEN_FILES[file]);
  if (!existsSync(path)) throw new PenDataError(`${path} does not exist (PEN_DIR / --pen-dir should be the folder holding ${PEN_FILES[file]})`);
  const bytes = await readFile(path);
  const actual = sha256(bytes);
  if (actual !== PEN_SHA256[file]) throw new PenDataError(`${path} fails verification: SHA-256 ${actual}, expected ${PEN_SHA256[file]}`);
  return parsePenJson(bytes, path);
}

/** The JSON format of ../shared/data/pen (gzipped or not): a list of records with label, contributor, writer, strokes. */
export function parsePenJson(bytes: Uint8Array, name: string): PenSample[] {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let records: unknown;
  try {
    records = JSON.parse(Buffer.from(gzipped ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (error) {
    throw new PenDataError(`${name} is not pen data (JSON${gzipped ? ' in gzip' : ''}): ${(error as Error).message}`);
  }
  if (!Array.isArray(records)) throw new PenDataError(`${name}: expected a JSON list of characters`);
  return records.map((record: unknown, i) => parseRecord(record, `${name} record ${i}`));
}

function parseRecord(record: unknown, where: string): PenSample {
  if (!isRecord(record)) throw new PenDataError(`${where} is not an object`);
  const { label, contributor, writer, strokes } = record;
  const digit = typeof label === 'number' && Number.isInteger(label) && label >= 0 && label <= 9;
  const letter = typeof label === 'string' && label.length === 1;
  if (!digit && !letter) throw new PenDataError(`${where}: label must be a digit 0-9 or one character`);
  if (typeof contributor !== 'string' || (typeof writer !== 'string' && typeof writer !== 'number')) {
    throw new PenDataError(`${where}: contributor and writer must be given`);
  }
  if (!Array.isArray(strokes) || strokes.length === 0) throw new PenDataError(`${where}: strokes must be a non-empty list`);
  for (const points of strokes) {
    if (!Array.isArray(points) || points.length < 2 || points.length % 2 !== 0 ||
        !points.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new PenDataError(`${where}: every stroke must be an even-length list of finite numbers [x0, y0, x1, y1, ...]`);
    }
  }
  return { label, contributor, writer: String(writer), strokes: strokes as number[][] };
}

export type WriterPart = 'train' | 'validation' | 'test';

/** One of `count` folds of every group's writers: the writers left out for testing in one run of a cross-validation. */
export interface WriterFold {
  readonly count: number;
  readonly index: number;
}

/**
 * Which part a writer belongs to, the same in every run: within each contributor its writers are
 * ordered by a hash of their id, the first fifth (at least one of two or more) is for testing, the
 * next tenth (at least one of three or more) for validation, the rest for training. With `fold`,
 * the test writers are instead every `count`-th writer of that order from `index` on, and a tenth
 * of the others validate. One writer's characters are never split, and every group with more than
 * one writer has writers to test on (with folds: in every fold with as many writers as folds).
 */
export function writerParts(samples: readonly PenSample[], fold?: WriterFold): Map<string, WriterPart> {
  const byContributor = new Map<string, Set<string>>();
  for (const s of samples) {
    const set = byContributor.get(s.contributor) ?? new Set<string>();
    set.add(s.writer);
    byContributor.set(s.contributor, set);
  }
  const parts = new Map<string, WriterPart>();
  for (const [contributor, writers] of byContributor) {
    const ordered = [...writers].sort((a, b) => fnv1a(`${contributor}/${a}`) - fnv1a(`${contributor}/${b}`) || a.localeCompare(b));
    const tested = fold ? ordered.filter((_, i) => i % fold.count === fold.index) : ordered.slice(0, ordered.length >= 2 ? Math.max(1, Math.round(ordered.length * 0.2)) : 0);
    const rest = ordered.filter((writer) => !tested.includes(writer));
    const n = ordered.length;
    const validation = n >= 3 && rest.length >= 2 ? Math.max(1, Math.round(n * 0.1)) : 0;
    for (const writer of tested) parts.set(writerKey(contributor, writer), 'test');
    rest.forEach((writer, i) => {
      parts.set(writerKey(contributor, writer), i < validation ? 'validation' : 'train');
    });
  }
  return parts;
}

export function writerKey(contributor: string, writer: string): string {
  return `${contributor}/${writer}`;
}

/** Samples of one part; writers of `samples` not in `parts` (e.g. letters of writers with no digits) are split the same way by their own ids. */
export function samplesOf(samples: readonly PenSample[], parts: ReadonlyMap<string, WriterPart>, part: WriterPart): PenSample[] {
  const own = writerParts(samples);
  return samples.filter((s) => (parts.get(writerKey(s.contributor, s.writer)) ?? own.get(writerKey(s.contributor, s.writer))) === part);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
