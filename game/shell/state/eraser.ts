import { DEFAULT_BRUSH, paintSegment, type Brush, type GridPoint } from '../../../common/ink/brush.ts';
import type { Grid } from '../../../common/ink/grid.ts';

/**
 * The eraser is the brush run backwards: a cell keeps at most `1 - falloff` of full ink, so the
 * stroke's core wipes clean and its rim only lightens, the same soft edge the pen leaves. Taking the
 * minimum (not subtracting) means going over the same place twice changes nothing more, and no cell
 * can go below 0.
 */
export function erase(grid: Grid, a: GridPoint, b: GridPoint, brush: Brush = DEFAULT_BRUSH): boolean {
  return paintSegment(grid, a, b, brush, (gx, gy, strength) => eraseCell(grid, gx, gy, strength));
}

/** Lowers one cell's ink to 1 - `strength` (never raises it); returns whether it changed. */
export function eraseCell(grid: Grid, gx: number, gy: number, strength: number): boolean {
  const i = gy * grid.width + gx;
  const before = grid.cells[i] ?? 0;
  const after = Math.max(0, Math.min(before, 1 - Math.min(1, strength)));
  if (after >= before) return false;
  grid.cells[i] = after;
  return true;
}

/** What a pointer does on the grid. */
export type Tool = 'pen' | 'eraser';

/** The pointer fields that choose the tool (a subset of PointerEvent, so this stays DOM-free). */
export interface PointerButtons {
  readonly pointerType: string;
  /** the button that changed: 0 main, 2 right (secondary), 5 a pen's eraser end */
  readonly button: number;
  /** the buttons held, as a bit mask: 2 right, 32 a pen's eraser end */
  readonly buttons: number;
}

/** The pen's eraser end and the right mouse button erase whatever is toggled; otherwise the toggle decides. */
export function toolFor(pointer: PointerButtons, toggled: Tool): Tool {
  if (pointer.button === 5 || (pointer.buttons & 32) !== 0) return 'eraser';
  if (pointer.pointerType === 'mouse' && (pointer.button === 2 || (pointer.buttons & 2) !== 0)) return 'eraser';
  return toggled;
}

/** Whether a pointerdown may start a stroke at all: the main button, the right button, or a pen's eraser. */
export function startsStroke(pointer: PointerButtons): boolean {
  if (pointer.pointerType !== 'mouse') return pointer.button === 0 || pointer.button === 5 || pointer.button === -1;
  return pointer.button === 0 || pointer.button === 2;
}
