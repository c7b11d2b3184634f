import { describe, expect, test } from 'vitest';
import { stroke } from '../../../../common/ink/brush.ts';
import { erase } from '../../../../game/shell/state/eraser.ts';
import { clearGrid, createGrid, isBlank, type Grid } from '../../../../common/ink/grid.ts';
import { canRedo, canUndo, createHistory, forgetHistory, recordChange, redo, undo } from '../../../../game/shell/state/strokeHistory.ts';

function drawStroke(grid: Grid, history: ReturnType<typeof createHistory>, x: number): Float32Array {
  recordChange(history, grid);
  stroke(grid, { gx: x, gy: 4 }, { gx: x, gy: 24 });
  return grid.cells.slice();
}

describe('stroke history', () => {
  test('undo and redo walk back and forth through strokes, eraser and clear alike', () => {
    const grid = createGrid(28, 28);
    const history = createHistory();
    const blank = grid.cells.slice();
    const one = drawStroke(grid, history, 8);
    const two = drawStroke(grid, history, 16);
    recordChange(history, grid);
    erase(grid, { gx: 8, gy: 4 }, { gx: 8, gy: 24 });
    const erased = grid.cells.slice();
    recordChange(history, grid);
    clearGrid(grid);

    const states = [erased, two, one, blank];
    for (const expected of states) {
      const version = grid.version;
      expect(undo(history, grid)).toBe(true);
      expect(grid.cells).toEqual(expected);
      expect(grid.version).toBeGreaterThan(version);
    }
    expect(undo(history, grid)).toBe(false);
    expect(canUndo(history)).toBe(false);
    expect(isBlank(grid)).toBe(true);
    for (const expected of [one, two, erased]) {
      expect(redo(history, grid)).toBe(true);
      expect(grid.cells).toEqual(expected);
    }
    expect(redo(history, grid)).toBe(true);
    expect(isBlank(grid)).toBe(true);
    expect(redo(history, grid)).toBe(false);
  });

  test('a new stroke after an undo drops what was undone', () => {
    const grid = createGrid(28, 28);
    const history = createHistory();
    drawStroke(grid, history, 8);
    drawStroke(grid, history, 16);
    undo(history, grid);
    expect(canRedo(history)).toBe(true);
    const three = drawStroke(grid, history, 20);
    expect(canRedo(history)).toBe(false);
    expect(redo(history, grid)).toBe(false);
    expect(grid.cells).toEqual(three);
  });

  test('keeps only the last `limit` changes, so memory stays bounded', () => {
    const grid = createGrid(28, 28);
    const history = createHistory(3);
    const after = [0, 1, 2, 3, 4, 5].map((i) => drawStroke(grid, history, 3 + i * 4));
    expect(history.undo).toHaveLength(3);
    for (let i = 0; i < 3; i++) undo(history, grid);
    expect(undo(history, grid)).toBe(false);
    // the oldest kept state is the one after the third stroke
    expect(grid.cells).toEqual(after[2]);
  });

  test('forgetHistory starts afresh; limits must be positive integers', () => {
    const grid = createGrid(28, 28);
    const history = createHistory();
    drawStroke(grid, history, 8);
    forgetHistory(history);
    expect(undo(history, grid)).toBe(false);
    expect(() => createHistory(0)).toThrow(RangeError);
    expect(() => createHistory(1.5)).toThrow(RangeError);
  });
});
