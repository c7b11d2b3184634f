import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { writeFileAtomic } from '../data/files.ts';

/**
 * Pictures for `evaluate --report`: the confusion matrix as a heat map and a sheet of misclassified
 * digits labelled "true>predicted". Drawn on a plain RGB raster with a 3x5 digit font, so no
 * canvas or font dependency is needed.
 */

type Rgb = readonly [number, number, number];

/** 3x5 bitmaps, '1' = ink; exported so tests can count the ink a label needs. */
export const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '>': ['100', '010', '001', '010', '100'],
};


class Raster {
  readonly png: PNG;
  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.png = new PNG({ width, height });
    this.fill(0, 0, width, height, background);
  }

  /** Whole pixels only: a fractional row would index into the middle of another row of the buffer. */
  fill(x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb): void {
    const left = Math.round(x0);
    const top = Math.round(y0);
    const right = Math.min(this.width, left + Math.round(w));
    const bottom = Math.min(this.height, top + Math.round(h));
    for (let y = Math.max(0, top); y < bottom; y++) {
      for (let x = Math.max(0, left); x < right; x++) {
        const i = (y * this.width + x) * 4;
        this.png.data[i] = r;
        this.png.data[i + 1] = g;
        this.png.data[i + 2] = b;
        this.png.data[i + 3] = 255;
      }
    }
  }

  text(x: number, y: number, text: string, scale: number, colour: Rgb): void {
    Array.from(text).forEach((char, k) => {
      GLYPHS[char]?.forEach((row, gy) => {
        Array.from(row).forEach((bit, gx) => {
          if (bit === '1') this.fill(x + (k * 4 + gx) * scale, y + gy * scale, scale, scale, colour);
        });
      });
    });
  }

  encode(): Buffer {
    return PNG.sync.write(this.png);
  }
}

const TEXT_WIDTH = (text: string, scale: number) => text.length * 4 * scale;

/** Confusion picture geometry in pixels: the cell of (truth t, predicted p) starts at margin + (p, t) * cell. */
export const CONFUSION_GRID = { cell: 44, margin: 30 } as const;

export function confusionPng(confusion: number[][]): Buffer {
  const { cell, margin } = CONFUSION_GRID;
  const size = margin + cell * confusion.length + 4;
  const raster = new Raster(size, size, [250, 250, 252]);
  const max = Math.max(1, ...confusion.flatMap((row, t) => row.filter((_, p) => p !== t)));
  confusion.forEach((row, t) => {
    raster.text(8, margin + t * cell + cell / 2 - 5, String(t), 2, [60, 60, 70]);
    raster.text(margin + t * cell + cell / 2 - 3, 8, String(t), 2, [60, 60, 70]);
    row.forEach((count, p) => {
      // Diagonal in green; errors in red, shaded on a log scale so single mistakes still show.
      const strength = count === 0 ? 0 : t === p ? 1 : Math.log1p(count) / Math.log1p(max);
      const colour: Rgb = t === p ? [70, 170, 110] : [255, Math.round(245 - 180 * strength), Math.round(245 - 190 * strength)];
      raster.fill(margin + p * cell + 1, margin + t * cell + 1, cell - 2, cell - 2, count === 0 ? [238, 238, 242] : colour);
      const label = String(count);
      const scale = label.length > 3 ? 1 : 2;
      const x = margin + p * cell + Math.round((cell - TEXT_WIDTH(label, scale)) / 2);
      const y = margin + t * cell + Math.round(cell / 2 - 2.5 * scale);
      raster.text(x, y, label, scale, [20, 20, 30]);
    });
  });
  return raster.encode();
}

export interface Misclassified {
  /** 28x28, 0..1 */
  readonly pixels: Float32Array;
  readonly truth: number;
  readonly predicted: number;
}

export function errorsPng(errors: readonly Misclassified[], columns = 12): Buffer {
  const scale = 2;
  const tile = IMAGE_SIZE * scale;
  const pitchX = tile + 8;
  const pitchY = tile + 20;
  const rows = Math.max(1, Math.ceil(errors.length / columns));
  const raster = new Raster(columns * pitchX + 8, rows * pitchY + 8, [24, 26, 34]);
  errors.forEach((error, k) => {
    const x0 = 8 + (k % columns) * pitchX;
    const y0 = 8 + Math.floor(k / columns) * pitchY;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const v = Math.round((error.pixels[y * IMAGE_SIZE + x] ?? 0) * 255);
        raster.fill(x0 + x * scale, y0 + y * scale, scale, scale, [v, v, v]);
      }
    }
    raster.text(x0 + 8, y0 + tile + 3, `${error.truth}>${error.predicted}`, 2, [255, 170, 120]);
  });
  return raster.encode();
}

/** The files `writeReport` writes into its folder. */
export const REPORT_FILES = ['confusion.png', 'misclassified.png'] as const;

/** The report files already in `dir`, as paths: a report written there would replace them. */
export function existingReportFiles(dir: string): string[] {
  return REPORT_FILES.map((name) => join(dir, name)).filter((path) => existsSync(path));
}

export async function writeReport(dir: string, confusion: number[][], errors: readonly Misclassified[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const [confusionFile, errorsFile] = REPORT_FILES.map((name) => join(dir, name));
  await writeFileAtomic(confusionFile ?? '', confusionPng(confusion));
  await writeFileAtomic(errorsFile ?? '', errorsPng(errors));
  return [confusionFile ?? '', errorsFile ?? ''];
}
