import type { KerasChain, KerasLayer } from './kerasConfig.ts';

/** A layer as one line for metadata.json and the console: "Conv2D conv2d 32 3x3 relu". */
function describeLayer(layer: KerasLayer): string {
  const c = layer.config;
  const size = (v: unknown): string => (Array.isArray(v) ? v.join('x') : String(v));
  const details: string[] = [];
  if (typeof c.filters === 'number') details.push(String(c.filters));
  if (typeof c.units === 'number') details.push(String(c.units));
  if (c.kernel_size !== undefined) details.push(size(c.kernel_size));
  if (c.pool_size !== undefined) details.push(size(c.pool_size));
  if (typeof c.rate === 'number') details.push(`rate ${c.rate}`);
  if (typeof c.activation === 'string' && c.activation !== 'linear') details.push(c.activation);
  return [layer.className, layer.name, ...details].join(' ');
}

export function describeChain(chain: KerasChain): string[] {
  return [`${chain.modelClass} '${chain.name}', input ${chain.inputShape.join('x')}`, ...chain.layers.map(describeLayer)];
}
