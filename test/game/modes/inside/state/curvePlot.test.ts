import { expect, test } from 'vitest';
import { PLOT_INSET, plotLine } from '../../../../../game/modes/inside/state/curvePlot.ts';

const plot = { x: 100, y: 50, width: 200, height: 80 };
const inside = (p: { x: number; y: number }) => p.x >= plot.x && p.x <= plot.x + plot.width && p.y >= plot.y + plot.height * PLOT_INSET - 1e-9 && p.y <= plot.y + plot.height * (1 - PLOT_INSET) + 1e-9;

// The default model's card: two evaluations, validation loss falling from its highest value, which
// once started on the plot's top edge (its line drawn over the frame).
test.each<[string, number[], (number | null)[], { low: number; high: number } | undefined]>([
  ['two points, the first the highest', [0.5, 1], [0.183, 0.178], undefined],
  ['a falling training loss with gaps', [0.25, 0.5, 0.75, 1], [0.85, null, 0.4, 0.3], undefined],
  ['accuracy on a fixed range', [0.25, 0.5], [0.947, 0.968], { low: 0.947, high: 1 }],
  ['a flat series', [1, 2, 3], [0.5, 0.5, 0.5], undefined],
  ['values outside the range given are held at its edge', [1, 2], [2, -1], { low: 0, high: 1 }],
])('%s: every point inside the plot, off its top and bottom edges', (_, epochs, values, range) => {
  const points = plotLine(epochs, values, plot, range);
  expect(points).toHaveLength(values.filter((v) => v !== null).length);
  for (const p of points) expect(inside(p), JSON.stringify(p)).toBe(true);
});

test('the last epoch is at the right edge, higher values higher up', () => {
  const [a, b] = plotLine([0.5, 1], [0.2, 0.1], plot);
  expect(b?.x).toBe(plot.x + plot.width);
  expect(a?.x).toBe(plot.x + plot.width / 2);
  expect(a?.y ?? 0).toBeLessThan(b?.y ?? 0);
});

test('nothing recorded: no points', () => {
  expect(plotLine([1, 2], [null, null], plot)).toEqual([]);
});
