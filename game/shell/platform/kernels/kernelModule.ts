/**
 * The game's WASM kernel (conv.wat, compiled when the site is built), fetched and compiled; null
 * where it cannot run (a browser without WASM SIMD, the file missing): tfjs then reads instead.
 */
export async function loadKernel(url: string): Promise<WebAssembly.Module | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch {
    return null;
  }
}
