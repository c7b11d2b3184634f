import { describe, expect, test } from 'vitest';
import { DEFAULT_BRUSH, falloff, stroke } from '../../../../common/ink/brush.ts';
import { erase, startsStroke, toolFor } from '../../../../game/shell/state/eraser.ts';
import { createGrid, inkAt } from '../../../../common/ink/grid.ts';
import { editKey, isMuteKey } from '../../../../game/shell/state/editKeys.ts';

describe('erase', () => {
  test('wipes the core, lightens the rim with the brush falloff, never goes negative', () => {
    const grid = createGrid(28, 28);
    grid.cells.fill(1);
    const before = grid.version;
    expect(erase(grid, { gx: 14, gy: 4 }, { gx: 14, gy: 24 })).toBe(true);
    expect(grid.version).toBe(before + 1);
    expect(inkAt(grid, 14, 14)).toBe(0);
    // cell 15's centre is 1.5 cells from the line (x = 14): the falloff's soft part
    expect(inkAt(grid, 15, 14)).toBeCloseTo(1 - falloff(DEFAULT_BRUSH, 1.5), 6);
    expect(inkAt(grid, 15, 14)).toBeGreaterThan(0);
    expect(inkAt(grid, 15, 14)).toBeLessThan(1);
    expect(inkAt(grid, 20, 14)).toBe(1);
    expect(Math.min(...grid.cells)).toBeGreaterThanOrEqual(0);
  });

  test('erasing twice changes nothing more; erasing blank changes nothing', () => {
    const grid = createGrid(28, 28);
    expect(erase(grid, { gx: 5, gy: 5 }, { gx: 20, gy: 20 })).toBe(false);
    expect(grid.version).toBe(0);
    stroke(grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 });
    expect(erase(grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 })).toBe(true);
    const once = grid.cells.slice();
    expect(erase(grid, { gx: 10, gy: 4 }, { gx: 10, gy: 24 })).toBe(false);
    expect(grid.cells).toEqual(once);
    expect(once.every((v) => v >= 0)).toBe(true);
  });
});

describe('toolFor and startsStroke', () => {
  test.each([
    ['pen tip', { pointerType: 'pen', button: 0, buttons: 1 }, 'pen', 'pen'],
    ['pen eraser end (button 5)', { pointerType: 'pen', button: 5, buttons: 32 }, 'pen', 'eraser'],
    ['pen eraser end moving', { pointerType: 'pen', button: -1, buttons: 32 }, 'pen', 'eraser'],
    ['right mouse', { pointerType: 'mouse', button: 2, buttons: 2 }, 'pen', 'eraser'],
    ['left mouse with the eraser on', { pointerType: 'mouse', button: 0, buttons: 1 }, 'eraser', 'eraser'],
    ['touch', { pointerType: 'touch', button: 0, buttons: 1 }, 'pen', 'pen'],
  ] as const)('%s', (_, pointer, toggled, tool) => {
    expect(toolFor(pointer, toggled)).toBe(tool);
  });

  test('the middle mouse button and the pen barrel button start nothing', () => {
    expect(startsStroke({ pointerType: 'mouse', button: 1, buttons: 4 })).toBe(false);
    expect(startsStroke({ pointerType: 'pen', button: 2, buttons: 2 })).toBe(false);
    expect(startsStroke({ pointerType: 'mouse', button: 2, buttons: 2 })).toBe(true);
    expect(startsStroke({ pointerType: 'pen', button: 5, buttons: 32 })).toBe(true);
  });
});

describe('editKey and isMuteKey', () => {
  const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
    key, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false,
  });
  test.each([
    [press('z', { ctrl: true }), 'undo'],
    [press('z', { meta: true }), 'undo'],
    [press('Z', { ctrl: true, shift: true }), 'redo'],
    [press('Z', { meta: true, shift: true }), 'redo'],
    [press('y', { ctrl: true }), 'redo'],
    [press('e'), 'eraser'],
    [press('E'), 'eraser'],
    [press('z'), null],
    [press('e', { ctrl: true }), null],
    [press('z', { ctrl: true, alt: true }), null],
  ])('%o -> %s', (key, action) => {
    expect(editKey(key)).toBe(action);
  });

  test('S mutes, Ctrl+S is the browser\'s', () => {
    expect(isMuteKey(press('s'))).toBe(true);
    expect(isMuteKey(press('S', { shift: true }))).toBe(true);
    expect(isMuteKey(press('s', { ctrl: true }))).toBe(false);
  });
});
