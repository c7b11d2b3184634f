/**
 * Reading a Keras layer's config as the game's own runners need it (coreNetwork.ts with tfjs-core,
 * kernels/kernelNetwork.ts with the game's kernel). Each refuses what it cannot run exactly by
 * throwing UnsupportedLayer: the caller then leaves the model to tfjs-layers, which also says what
 * is wrong with a broken one. Never shown to a player.
 */
export type LayerConfig = Readonly<Record<string, unknown>>;

export class UnsupportedLayer extends Error {}

/** The activation's name; 'linear' when none is given. */
export function activationName(value: unknown): string {
  if (value == null) return 'linear';
  if (typeof value !== 'string') throw new UnsupportedLayer();
  return value;
}

export function channelsLast(config: LayerConfig): void {
  if (config.data_format != null && config.data_format !== 'channels_last') throw new UnsupportedLayer();
}

/** A size given as one integer or two (kernel, pool, strides). */
export function pair(value: unknown): [number, number] {
  const pairOf = Array.isArray(value) ? value : [value, value];
  const [a, b] = pairOf as unknown[];
  if (pairOf.length !== 2 || !Number.isInteger(a) || !Number.isInteger(b)) throw new UnsupportedLayer();
  return [a as number, b as number];
}

export function padding(value: unknown): 'same' | 'valid' {
  if (value !== 'same' && value !== 'valid') throw new UnsupportedLayer();
  return value;
}

/** Dilation or strides of 1 (or none given). */
export function allOnes(value: unknown): boolean {
  return value == null || value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
}
