import { expect, test } from 'vitest';
import { DrawingEdits, type EditableGrid, type EditState } from '../../../game/shell/drawingEdits.ts';
import { stroke } from '../../../common/ink/brush.ts';
import { erase } from '../../../game/shell/state/eraser.ts';
import { clearGrid, createGrid, isBlank } from '../../../common/ink/grid.ts';

function setup(): { edits: DrawingEdits; on: EditableGrid & { reads: number }; shown: EditState[]; active: { grid: EditableGrid | null } } {
  const grid = createGrid(28, 28);
  const on = { grid, reads: 0, changed: () => { on.reads++; } };
  const shown: EditState[] = [];
  const active: { grid: EditableGrid | null } = { grid: on };
  const edits = new DrawingEdits({ active: () => active.grid, show: (stateOf) => { shown.push(stateOf(grid)); } });
  return { edits, on, shown, active };
}

test('a gesture is undoable only if it changed the grid; undo asks for a new reading', () => {
  const { edits, on, shown } = setup();
  edits.strokeStarted(on.grid);
  erase(on.grid, { gx: 5, gy: 5 }, { gx: 20, gy: 20 });
  edits.strokeEnded(on.grid);
  expect(edits.stateOf(on.grid).canUndo).toBe(false);

  edits.strokeStarted(on.grid);
  stroke(on.grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 });
  edits.strokeEnded(on.grid);
  expect(shown.at(-1)).toEqual({ tool: 'pen', canUndo: true, canRedo: false });
  expect(edits.undo()).toBe(true);
  expect(isBlank(on.grid)).toBe(true);
  expect(on.reads).toBe(1);
  expect(shown.at(-1)).toEqual({ tool: 'pen', canUndo: false, canRedo: true });
  expect(edits.redo()).toBe(true);
  expect(isBlank(on.grid)).toBe(false);
});

test('a clear can be undone, a blank clear records nothing, a new round forgets', () => {
  const { edits, on } = setup();
  edits.beforeClear(on.grid);
  expect(edits.stateOf(on.grid).canUndo).toBe(false);
  stroke(on.grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 });
  const drawn = on.grid.cells.slice();
  edits.beforeClear(on.grid);
  clearGrid(on.grid);
  expect(edits.undo()).toBe(true);
  expect(on.grid.cells).toEqual(drawn);
  edits.forget(on.grid);
  expect(edits.undo()).toBe(false);
});

test('nothing happens without an active grid (a round\'s result, the menu); the eraser toggles', () => {
  const { edits, on, active } = setup();
  edits.strokeStarted(on.grid);
  stroke(on.grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 });
  edits.strokeEnded(on.grid);
  active.grid = null;
  expect(edits.undo()).toBe(false);
  expect(isBlank(on.grid)).toBe(false);
  edits.toggleEraser();
  expect(edits.tool()).toBe('eraser');
  edits.toggleEraser();
  expect(edits.tool()).toBe('pen');
});
