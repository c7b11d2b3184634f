/**
 * The page's aria-live="polite" region: a visually hidden status line that screen readers read out
 * when its text changes, without moving focus or interrupting. The canvas is an image to them, so
 * this is how the guess and the challenge's events reach a listener.
 */
export function createLiveRegion(document: Document): (text: string) => void {
  const region = document.createElement('div');
  region.className = 'hd-visually-hidden';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  document.body.appendChild(region);
  return (text) => {
    region.textContent = text;
  };
}
