/** A menu item as keys see it: its letters, the first shown in its note, matched in either case. */
export interface KeyedItem {
  readonly keys: readonly string[];
}

/**
 * The item a key picks on the menu: one of its keys (a letter in either case, or a named key such as
 * Enter) or its position 1-9; null when the key picks none. `key` is KeyboardEvent.key.
 */
export function menuChoice(items: readonly KeyedItem[], key: string): number | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  const byKey = items.findIndex((item) => item.keys.some((own) => (own.length === 1 ? own.toLowerCase() : own) === k));
  if (byKey >= 0) return byKey;
  const position = k.length === 1 && k >= '1' && k <= '9' ? Number(k) - 1 : -1;
  return position >= 0 && position < items.length ? position : null;
}

/** The line under an item's button: its first key, then what it is ("F · draw any digit"). */
export function menuNote(item: KeyedItem, about: string): string {
  const shown = item.keys[0];
  return shown === undefined ? about : `${shown.toUpperCase()} · ${about}`;
}
