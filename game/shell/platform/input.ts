import { paintSegment, type Brush, type GridPoint } from '../../../common/ink/brush.ts';
import { raiseInk, type Grid } from '../../../common/ink/grid.ts';
import { eraseCell, startsStroke, toolFor, type Tool } from '../state/eraser.ts';
import { lineColumns, lineRect, pointOnFold, UNFOLDED, type GridFold } from '../layout/gridFold.ts';
import type { Rect } from '../layout/rect.ts';

/** A pointer sample on the grid: where, and on which line of a folded grid (a stroke crossing lines jumps). */
interface Placed {
  readonly point: GridPoint;
  readonly line: number;
}

export function insideRect(x: number, y: number, rect: Rect): boolean {
  return x >= rect.x && y >= rect.y && x < rect.x + rect.width && y < rect.y + rect.height;
}

export interface PointerDrawingOptions {
  readonly element: HTMLElement;
  readonly grid: Grid;
  readonly brush: Brush;
  /** the grid's current rectangle in client CSS pixels (it moves when the window resizes) */
  gridRect(): Rect;
  /** how the grid is folded into lines on screen (the Number mode on a phone); unfolded when absent */
  fold?(): GridFold;
  /** whether drawing is currently allowed (e.g. not while a mode shows a result) */
  enabled(): boolean;
  /** the toggled tool; a pen's eraser end and the right mouse button erase whatever it is */
  tool(): Tool;
  /** called before the first ink of a gesture (the first pointer going down), so it can be undone */
  onStrokeStart(): void;
  /** called after ink was added */
  onInk(): void;
  /** called when the last active stroke ends */
  onStrokeEnd(): void;
  /** wraps each handler, so the frame meter can count input work */
  measure(work: () => void): void;
}

/**
 * Mouse, touch and pen drawing with DOM pointer events. A stroke starts only on the grid but may
 * leave and re-enter it (ink outside is clipped). Coalesced events give every sample the browser
 * saw between frames, and each consecutive pair is inked as a segment, so nothing is skipped.
 * Several touches draw independently; they make one gesture for undo. Each pointer keeps the tool
 * it went down with. The canvas shows no context menu, so the right button can erase.
 * Returns a function that removes the listeners.
 */
export function attachPointerDrawing(options: PointerDrawingOptions): () => void {
  const { element, grid, brush } = options;
  const last = new Map<number, Placed>();
  const tools = new Map<number, Tool>();
  const fold = (): GridFold => options.fold?.() ?? UNFOLDED;
  // ink stays in the line the segment is on: a brush at a line's right end must not mark the next line's left end
  const paint = (pointerId: number, a: Placed, b: Placed): boolean => {
    if (a.line !== b.line) return false;
    const { from, to } = lineColumns(grid.width, fold(), a.line);
    const eraser = tools.get(pointerId) === 'eraser';
    return paintSegment(grid, a.point, b.point, brush, (gx, gy, ink) =>
      gx >= from && gx < to && (eraser ? eraseCell(grid, gx, gy, ink) : raiseInk(grid, gx, gy, ink)));
  };

  const pointAt = (event: PointerEvent): Placed => pointOnFold(event.clientX, event.clientY, options.gridRect(), grid.width, grid.height, fold());

  const onDown = (event: PointerEvent): void => {
    if (!options.enabled() || !startsStroke(event)) return;
    const placed = pointAt(event);
    if (!insideRect(event.clientX, event.clientY, lineRect(options.gridRect(), fold(), placed.line))) return;
    event.preventDefault();
    // keeps the stroke when the pointer leaves the canvas; a pointer that is already gone (or a
    // synthetic one) cannot be captured, and drawing works without it
    try {
      element.setPointerCapture(event.pointerId);
    } catch {
      /* not capturable */
    }
    if (last.size === 0) options.onStrokeStart();
    last.set(event.pointerId, placed);
    tools.set(event.pointerId, toolFor(event, options.tool()));
    if (paint(event.pointerId, placed, placed)) options.onInk();
  };

  const onMove = (event: PointerEvent): void => {
    let from = last.get(event.pointerId);
    if (from === undefined) return;
    event.preventDefault();
    // Drawing can be switched off mid-stroke (a challenge round is won while the pen is down): the
    // rest of that stroke must not ink the result screen or spill into the next round's canvas.
    if (!options.enabled()) {
      last.delete(event.pointerId);
      return;
    }
    const samples = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    let inked = false;
    for (const sample of samples.length > 0 ? samples : [event]) {
      const to = pointAt(sample);
      if (paint(event.pointerId, from, to)) inked = true;
      from = to;
    }
    last.set(event.pointerId, from);
    if (inked) options.onInk();
  };

  const onEnd = (event: PointerEvent): void => {
    if (!last.delete(event.pointerId)) return;
    if (last.size === 0) options.onStrokeEnd();
  };

  const noMenu = (event: Event): void => { event.preventDefault(); };
  element.addEventListener('contextmenu', noMenu);
  const handlers = [
    ['pointerdown', onDown],
    ['pointermove', onMove],
    ['pointerup', onEnd],
    ['pointercancel', onEnd],
  ] as const;
  const listeners = handlers.map(([type, handler]) => {
    const listener = (event: PointerEvent): void => { options.measure(() => { handler(event); }); };
    element.addEventListener(type, listener);
    return [type, listener] as const;
  });
  return () => {
    for (const [type, listener] of listeners) element.removeEventListener(type, listener);
    element.removeEventListener('contextmenu', noMenu);
  };
}
