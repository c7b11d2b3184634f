/** Whether the player asked the system for less motion; follows a change while the page is open. */
export function reducedMotion(window: Window): () => boolean {
  const query = window.matchMedia('(prefers-reduced-motion: reduce)');
  return () => query.matches;
}
