import { expect, test } from 'vitest';
import { afterEscape, escapeAction, NO_PANELS, type InsidePanels } from '../../../../../game/modes/inside/state/insidePanels.ts';

const probe = { layer: 2, map: 5, row: 3, col: 4 };

// Escape closes the top-most panel first: the card (over everything), then the map detail, and
// clears the drawing only when nothing is open.
test.each<[string, InsidePanels, string, InsidePanels]>([
  ['card over the detail: the card', { card: true, detail: probe }, 'closeCard', { card: false, detail: probe }],
  ['card alone', { card: true, detail: null }, 'closeCard', NO_PANELS],
  ['detail alone', { card: false, detail: probe }, 'closeDetail', NO_PANELS],
  ['nothing open: the drawing', NO_PANELS, 'clear', NO_PANELS],
])('%s', (_, panels, action, after) => {
  expect(escapeAction(panels)).toBe(action);
  expect(afterEscape(panels)).toEqual(after);
});

test('three Escapes from card and detail: card, detail, then the drawing', () => {
  let panels: InsidePanels = { card: true, detail: probe };
  const actions: string[] = [];
  for (let i = 0; i < 3; i++) {
    actions.push(escapeAction(panels));
    panels = afterEscape(panels);
  }
  expect(actions).toEqual(['closeCard', 'closeDetail', 'clear']);
});
