import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NUM_CLASSES } from '../../common/digit.ts';
import { writeFileAtomic } from './files.ts';
import { asImages, asLabels, maybeGunzip, parseIdx, type IdxImages } from './idx.ts';
import type { Flag } from '../process/flags.ts';

/**
 * Where MNIST comes from: `--data-dir`, then `MNIST_DIR`, then a per-user cache that is filled from a
 * public mirror. Every file, local or downloaded, must match the SHA-256 of the original distribution
 * before it is parsed.
 */

/** --data-dir, as every entry that reads MNIST takes it (ml/process/flags.ts). */
export const DATA_DIR_FLAG = { type: 'string', arg: 'DIR', help: 'MNIST files (default: $MNIST_DIR, else a per-user cache)' } as const satisfies Flag;

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export type MnistFile = (typeof MNIST_FILES)[keyof typeof MNIST_FILES];

export const MNIST_SHA256: Readonly<Record<MnistFile, string>> = {
  'train-images-idx3-ubyte.gz': '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
  'train-labels-idx1-ubyte.gz': '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
  't10k-images-idx3-ubyte.gz': '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
  't10k-labels-idx1-ubyte.gz': 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
};

/** Tried in order; the second is the fallback when the first is down or serves a bad file. */
export const MNIST_MIRRORS = [
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
] as const;

export class MnistError extends Error {
  override name = 'MnistError';
}

export interface MnistSplit {
  readonly images: IdxImages;
  readonly labels: Uint8Array;
}

export interface Mnist {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
  readonly dir: string;
}

export interface DownloadProgress {
  start(file: string, totalBytes: number): void;
  advance(bytes: number): void;
  finish(): void;
}

export interface MnistOptions {
  /** --data-dir; wins over MNIST_DIR */
  readonly dataDir?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly mirrors?: readonly string[];
  readonly progress?: DownloadProgress;
  readonly log?: (line: string) => void;
}

export function resolveMnistDir(options: Pick<MnistOptions, 'dataDir' | 'env'>): string {
  const env = options.env ?? process.env;
  if (options.dataDir) return options.dataDir;
  if (env.MNIST_DIR) return env.MNIST_DIR;
  // an empty XDG_CACHE_HOME counts as unset, as the XDG spec says
  const xdgCache = env.XDG_CACHE_HOME;
  if (xdgCache) return join(xdgCache, 'handwritten-digits', 'mnist');
  return join(homedir(), '.cache', 'handwritten-digits', 'mnist');
}

export async function loadMnist(options: MnistOptions = {}): Promise<Mnist> {
  const [train, test] = await Promise.all([loadMnistSplit('train', options), loadMnistSplit('test', options)]);
  return { dir: resolveMnistDir(options), train, test };
}

const SPLIT_FILES = {
  train: [MNIST_FILES.trainImages, MNIST_FILES.trainLabels],
  test: [MNIST_FILES.testImages, MNIST_FILES.testLabels],
} as const;

/** One split, verified (downloaded first if missing) and parsed; images and labels must agree in count. */
export async function loadMnistSplit(which: keyof typeof SPLIT_FILES, options: MnistOptions = {}): Promise<MnistSplit> {
  const dir = resolveMnistDir(options);
  const [imagesName, labelsName] = SPLIT_FILES[which];
  const read = async (file: MnistFile) => parseIdx(maybeGunzip(await ensureMnistFile(dir, file, options), file), file);
  const [imagesIdx, labelsIdx] = await Promise.all([read(imagesName), read(labelsName)]);
  const images = asImages(imagesIdx, imagesName);
  const labels = asLabels(labelsIdx, labelsName, NUM_CLASSES);
  if (images.count !== labels.length) {
    throw new MnistError(`${imagesName} has ${images.count} images but ${labelsName} has ${labels.length} labels`);
  }
  return { images, labels };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns the verified bytes of one file, downloading it into `dir` first when it is missing. */
export async function ensureMnistFile(dir: string, file: MnistFile, options: MnistOptions = {}): Promise<Uint8Array> {
  const path = join(dir, file);
  const expected = MNIST_SHA256[file];
  if (existsSync(path)) {
    const bytes = await readFile(path);
    const actual = sha256(bytes);
    if (actual !== expected) {
      throw new MnistError(
        `${path} fails verification: SHA-256 ${actual}, expected ${expected}. ` +
          'Delete it to download a fresh copy, or point --data-dir/MNIST_DIR at the original files.',
      );
    }
    return bytes;
  }
  const failures: string[] = [];
  for (const mirror of options.mirrors ?? MNIST_MIRRORS) {
    const url = new URL(file, mirror).toString();
    try {
      options.log?.(`downloading ${url}`);
      const bytes = await download(url, options.progress);
      const actual = sha256(bytes);
      if (actual !== expected) throw new MnistError(`SHA-256 ${actual}, expected ${expected}: refused`);
      await writeFileAtomic(path, bytes);
      return bytes;
    } catch (error) {
      failures.push(`${url}: ${(error as Error).message}`);
    }
  }
  throw new MnistError(`${file} is not in ${dir} and could not be downloaded:\n  ${failures.join('\n  ')}`);
}

async function download(url: string, progress: DownloadProgress | undefined): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new MnistError(`HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  progress?.start(url, total);
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Node's fetch types its body as a stream of any: its chunks are bytes
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      received += part.value.length;
      progress?.advance(part.value.length);
    }
  } finally {
    progress?.finish();
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
