import type { Component } from './components.ts';

/**
 * From ink components to groups that are (at least) one digit each: specks dropped, strokes of one
 * digit merged, ordered left to right.
 *
 * People write many digits in several strokes that need not touch: a 5's top bar, a 4's right
 * stroke, a 7's crossbar. Such strokes share columns with the rest of their digit, while neighbouring
 * digits sit side by side, so components whose column spans overlap substantially are merged.
 */

/** A component lighter than this fraction of a typical digit's ink is a speck (a stray tap, a slip). */
const SPECK_FRACTION = 0.08;
/** Below this much ink (in full pixels) nothing is readable, whatever else is on the canvas. */
const MIN_MASS = 1.5;
/** Merge when the shared columns cover at least this fraction of the narrower of the two. */
const MERGE_OVERLAP = 0.5;

export interface InkGroup {
  /** component labels (see `labelComponents`) making up this group */
  readonly ids: readonly number[];
  readonly mass: number;
  /** inclusive bounds in image coordinates */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function groupComponents(components: readonly Component[]): InkGroup[] {
  const kept = dropSpecks(components);
  let groups: InkGroup[] = kept.map((c) => ({ ids: [c.id], mass: c.mass, x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }));
  // Merging widens a group, which can make it overlap another: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    groups.sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1);
    const merged: InkGroup[] = [];
    for (const group of groups) {
      const last = merged[merged.length - 1];
      if (last && overlapsEnough(last, group)) {
        merged[merged.length - 1] = union(last, group);
        changed = true;
      } else {
        merged.push(group);
      }
    }
    groups = merged;
  }
  return groups;
}

/**
 * The reference is the heaviest component's ink per digit it may hold: a blob of several touching
 * digits must not make a lone "1" beside it look like a speck. Width beyond the height counts as
 * more digits, since digits are rarely wider than tall.
 */
function dropSpecks(components: readonly Component[]): Component[] {
  let reference = 0;
  for (const c of components) {
    const width = c.x1 - c.x0 + 1;
    const height = c.y1 - c.y0 + 1;
    reference = Math.max(reference, c.mass * Math.min(1, height / width));
  }
  return components.filter((c) => c.mass >= MIN_MASS && c.mass >= SPECK_FRACTION * reference);
}

function overlapsEnough(a: InkGroup, b: InkGroup): boolean {
  const shared = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) + 1;
  const narrower = Math.min(a.x1 - a.x0, b.x1 - b.x0) + 1;
  return shared > 0 && shared >= MERGE_OVERLAP * narrower;
}

function union(a: InkGroup, b: InkGroup): InkGroup {
  return {
    ids: [...a.ids, ...b.ids],
    mass: a.mass + b.mass,
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
  };
}
