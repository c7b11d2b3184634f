import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { CONFUSION_GRID, confusionPng, GLYPHS } from '../../../ml/eval/report.ts';

/** Close to the MNIST test matrix of a 99 % model: most diagonal counts are four digits long. */
const DIAGONAL = [975, 1130, 1025, 1003, 977, 888, 951, 1020, 968, 1001];

function matrix(): number[][] {
  const rows = DIAGONAL.map((count, t) => DIAGONAL.map((_, p) => (p === t ? count : 0)));
  const set = (t: number, p: number, count: number): void => {
    const row = rows[t];
    if (row !== undefined) row[p] = count;
  };
  set(4, 9, 3);
  set(7, 2, 12);
  set(9, 4, 104);
  set(3, 5, 1000);
  return rows;
}

/** Pixels of the cell text colour (20,20,30); fills, grid and axis labels are all lighter. */
function isText(png: PNG, x: number, y: number): boolean {
  const i = (y * png.width + x) * 4;
  return (png.data[i] ?? 255) < 40 && (png.data[i + 1] ?? 255) < 40 && (png.data[i + 2] ?? 255) < 40;
}

/** Ink pixels the label of `count` needs: its glyphs' lit bits, scaled as confusionPng scales labels. */
function labelInk(count: number): number {
  const label = String(count);
  const scale = label.length > 3 ? 1 : 2;
  const bits = Array.from(label).reduce((sum, char) => sum + (GLYPHS[char] ?? []).join('').replaceAll('0', '').length, 0);
  return bits * scale * scale;
}

describe('confusionPng', () => {
  const confusion = matrix();
  const png = PNG.sync.read(confusionPng(confusion));
  const { cell, margin } = CONFUSION_GRID;
  const textIn = (x0: number, y0: number, size: number): number => {
    let n = 0;
    for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) if (isText(png, x, y)) n++;
    return n;
  };

  const cells = confusion.flatMap((row, t) => row.map((count, p) => ({ t, p, count, name: `${t}>${p}: ${count}` })));
  test.each(cells)('cell $name holds exactly the ink of its count', ({ t, p, count }) => {
    expect(textIn(margin + p * cell, margin + t * cell, cell)).toBe(labelInk(count));
  });

  test('no text outside the cells', () => {
    const inCells = textIn(margin, margin, cell * confusion.length);
    expect(textIn(0, 0, png.width)).toBe(inCells);
  });
});
