/**
 * Where the site serves the game's compiled WASM kernel: the build writes it there
 * (scripts/kernels.ts, from game/shell/platform/kernels/conv.wat) and the game fetches it from
 * there (game/shell/models.ts).
 */
export const KERNEL_PATH = 'kernels/conv.wasm';
