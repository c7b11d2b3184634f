import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm, { Module, type Dataset, type File, type Group } from 'h5wasm/node';
import { fail, KerasFormatError } from './errors.ts';
import { isFloat16, readFloat16 } from './float16.ts';

/**
 * HDF5 through h5wasm, which opens files by path: bytes are written to a private temporary folder
 * and read back, so a .keras zip's member never needs unpacking next to the user's files.
 */

export type H5Group = Group;

/**
 * Runs `use` on the HDF5 file held in `bytes`, `what` naming it in refusals ("model.h5", "m.keras:
 * zip member model.weights.h5"); the file is closed and its temporary copy removed after. While it
 * reads, h5wasm's throwing error handler replaces HDF5's default one, which prints some fifty lines
 * of HDF5-DIAG to stderr for a damaged file before h5wasm throws a message naming nothing.
 */
export async function withHdf5<T>(bytes: Uint8Array, what: string, use: (file: File) => T): Promise<T> {
  await h5wasm.ready;
  const dir = await mkdtemp(join(tmpdir(), 'keras-h5-'));
  try {
    const path = join(dir, 'model.h5');
    await writeFile(path, bytes);
    Module.activate_throwing_error_handler();
    try {
      const file = new h5wasm.File(path, 'r');
      try {
        return use(file);
      } finally {
        file.close();
      }
    } catch (error) {
      if (error instanceof KerasFormatError) throw error;
      return fail(`${what} is not a readable HDF5 file (${hdf5Reason(error)})`);
    } finally {
      Module.deactivate_throwing_error_handler();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The innermost cause of an HDF5 error stack ("truncated file: eof = 600, ..."), or the message's first line. */
function hdf5Reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const causes = message.split('\n').flatMap((line) => /^\s*#\d+: .* in \w+\(\): (.*)$/.exec(line)?.slice(1) ?? []);
  return causes.at(-1) ?? message.split('\n')[0] ?? message;
}

/** Builds an HDF5 file with `fill` and returns its bytes. */
export async function writeHdf5(fill: (file: File) => void): Promise<Uint8Array> {
  await h5wasm.ready;
  const dir = await mkdtemp(join(tmpdir(), 'keras-h5-'));
  try {
    const path = join(dir, 'model.h5');
    const file = new h5wasm.File(path, 'w');
    try {
      fill(file);
    } finally {
      file.close();
    }
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The group at `path` under `root` ('a/b/c'), created level by level (h5wasm makes one level at a time). */
export function ensureGroup(root: Group, path: string): Group {
  let group = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    const existing = group.keys().includes(part) ? group.get(part) : null;
    group = existing instanceof h5wasm.Group ? existing : group.create_group(part);
  }
  return group;
}

/** The entry at `path`, or null when any level of it is missing (checked first: h5wasm logs misses). */
export function find(root: Group, path: string): Group | Dataset | null {
  let entry: Group | Dataset = root;
  for (const part of path.split('/').filter((p) => p !== '')) {
    if (!(entry instanceof h5wasm.Group) || !entry.keys().includes(part)) return null;
    const next = entry.get(part);
    if (!(next instanceof h5wasm.Group) && !(next instanceof h5wasm.Dataset)) return null;
    entry = next;
  }
  return entry;
}

export function isGroup(entry: unknown): entry is Group {
  return entry instanceof h5wasm.Group;
}

export function isDataset(entry: unknown): entry is Dataset {
  return entry instanceof h5wasm.Dataset;
}

/** A string (or list of strings) attribute; null when absent. Byte strings from h5py decode the same. */
export function stringAttribute(entry: Group | Dataset, name: string): string | string[] | null {
  const attribute = entry.attrs[name];
  if (attribute === undefined) return null;
  const value = attribute.value;
  const text = (v: unknown): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));
  return Array.isArray(value) ? value.map(text) : ArrayBuffer.isView(value) && !(value instanceof Uint8Array) ? Array.from(value as ArrayLike<unknown>, text) : text(value);
}

export interface WeightValues {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** A float dataset's values as float32 (half precision widened); any other dtype is refused naming `what`. */
export function readWeight(dataset: Dataset, what: string): WeightValues {
  if (isFloat16(dataset)) return { shape: dataset.shape ?? [], values: readFloat16(dataset) };
  const { dtype } = dataset;
  const value = dataset.value;
  if (!(value instanceof Float32Array || value instanceof Float64Array)) {
    return fail(`${what} has dtype ${JSON.stringify(dtype)}; only float16, float32 and float64 weights are supported`);
  }
  return { shape: dataset.shape ?? [], values: value instanceof Float32Array ? value : Float32Array.from(value) };
}
