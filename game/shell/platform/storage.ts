import type { KeyValueStore } from '../state/scores.ts';

/** `globalThis.localStorage`, or null where merely touching it throws (sandboxed frames, some privacy modes). */
export function browserStore(): KeyValueStore | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}
