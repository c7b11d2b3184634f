import { IMAGE_SIZE } from '../../../../common/digit.ts';
import type { Filter, MapsLayer } from './insideLayers.ts';
import type { Probe } from './insidePanels.ts';
import { receptiveField, type PixelBox } from './receptiveField.ts';

/**
 * "How was this computed?" for one pixel of one feature map, in words (as CNN Explainer answers
 * it): what the layer did to which values of the layer before, and where the pixel looks in the
 * input. The detail view draws these lines and the page API reports them.
 */

/** "Convolution 2" from "Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14". */
export function shortTitle(title: string): string {
  return title.split(' · ')[0] ?? title;
}

/** The value at `probe` in its layer's reading (height * width * maps, channel-last). */
export function valueAt(layer: MapsLayer, values: Float32Array, probe: Probe): number {
  return values[(probe.row * layer.width + probe.col) * layer.maps + probe.map] ?? 0;
}

/** The pixels of the maps layer before (or of the input) that `probe` of a pooling layer reads. */
export function windowRead(layers: readonly MapsLayer[], probe: Probe): PixelBox {
  const layer = layers[probe.layer];
  const last = layer?.steps.at(-1);
  const before = layer === undefined ? undefined : layers[layer.reads];
  if (layer === undefined || last === undefined) return { top: probe.row, left: probe.col, bottom: probe.row, right: probe.col };
  return receptiveField([last], probe.row, probe.col, before?.height ?? IMAGE_SIZE);
}

const span = (a: number, b: number, word: string): string => (a === b ? `${word} ${a + 1}` : `${word}s ${a + 1}–${b + 1}`);
const signed = (v: number): string => (v < 0 ? `− ${(-v).toFixed(3)}` : `+ ${v.toFixed(3)}`);

export function pixelStory(layers: readonly MapsLayer[], probe: Probe, value: number, filter: Filter | null): string[] {
  const layer = layers[probe.layer];
  if (layer === undefined) return [];
  const before = layers[layer.reads];
  const source = before === undefined ? 'the input the model sees' : shortTitle(before.title);
  const lines = [`map ${probe.map + 1} of ${layer.maps}, row ${probe.row + 1}, column ${probe.col + 1}: ${value.toFixed(3)}`];
  if (filter !== null) {
    const [kh, kw] = filter.size;
    const bias = filter.bias === null ? '' : `, ${signed(filter.bias)} (bias)`;
    const activation = filter.activation === 'linear' ? '' : `, then ${filter.activation === 'relu' ? 'ReLU (a negative sum becomes 0)' : filter.activation}`;
    lines.push(filter.slices.length === 1
      ? `= the ${kh}x${kw} patch of ${source} times this map's ${kh}x${kw} filter, summed${bias}${activation}`
      : `= for each of the ${filter.slices.length} maps of ${source}, its ${kh}x${kw} patch times that map's slice of the filter, all summed${bias}${activation}`);
  } else if (layer.kind === 'MaxPooling2D' || layer.kind === 'AveragePooling2D') {
    const w = windowRead(layers, probe);
    const how = layer.kind === 'MaxPooling2D' ? 'the largest' : 'the average';
    lines.push(`= ${how} of ${span(w.top, w.bottom, 'row')}, ${span(w.left, w.right, 'column')} of map ${probe.map + 1} of ${source}`);
  } else {
    lines.push(`= computed by a ${layer.kind} layer from ${source}`);
  }
  if (layer.then !== '') lines.push(`the next layer reads it after ${layer.then}`);
  const field = receptiveField(layer.steps, probe.row, probe.col, IMAGE_SIZE);
  lines.push(`it looks at ${field.bottom - field.top + 1}x${field.right - field.left + 1} pixels of the 28x28 input: the outlined part of your drawing`);
  return lines;
}
