import { isRecord } from '../../common/isRecord.ts';
import { fail } from './errors.ts';

/**
 * A Keras model config (Keras 2 `model_config` or Keras 3 `config.json`) read as one chain of
 * layers. Sequential models, and Functional models whose every layer takes the previous one's single
 * output, are chains; anything nested or branching is refused naming the layer.
 */

export interface KerasLayer {
  readonly className: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface KerasChain {
  readonly modelClass: string;
  readonly name: string;
  /** the per-image input shape, without the batch dimension */
  readonly inputShape: readonly number[];
  /** the layers after the input, in order; InputLayer is not among them */
  readonly layers: readonly KerasLayer[];
}

const MODEL_CLASSES = ['Sequential', 'Functional', 'Model'];

/**
 * Layers a model may have. A digit CNN has a dozen or two and Keras's ResNet50 some 180; a crafted
 * chain of 100,000 layers kept the importer busy for minutes and ended in "Maximum call stack size
 * exceeded", naming nothing.
 */
export const MAX_LAYERS = 500;
/** How deeply a layer's inbound_nodes may nest: Keras writes 3 or 4 levels; the walk over them recurses. */
const MAX_NODE_DEPTH = 16;

function layerOf(item: unknown, where: string): KerasLayer & { readonly raw: Readonly<Record<string, unknown>> } {
  if (!isRecord(item) || typeof item.class_name !== 'string' || !isRecord(item.config)) return fail(`${where} is not a Keras layer config`);
  const name = typeof item.config.name === 'string' ? item.config.name : typeof item.name === 'string' ? item.name : where;
  if (MODEL_CLASSES.includes(item.class_name)) return fail(`layer '${name}' is a nested ${item.class_name} model; only a flat chain of layers can be imported`);
  return { className: item.class_name, name, config: item.config, raw: item };
}

function shapeOf(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const dims = value.slice(1);
  return dims.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0) ? dims : null;
}

/** batch_shape (Keras 3), batch_input_shape (Keras 2), or a build shape, whichever the layer has. */
function declaredInputShape(layer: KerasLayer, raw: Readonly<Record<string, unknown>>): number[] | null {
  const build = isRecord(raw.build_config) ? raw.build_config.input_shape : undefined;
  for (const candidate of [layer.config.batch_shape, layer.config.batch_input_shape, build]) {
    const shape = shapeOf(candidate);
    if (shape) return shape;
  }
  return null;
}

export function parseKerasConfig(json: unknown): KerasChain {
  if (!isRecord(json) || typeof json.class_name !== 'string') return fail('the model config has no class_name: not a Keras model');
  const modelClass = json.class_name;
  if (!MODEL_CLASSES.includes(modelClass)) return fail(`the model is a ${modelClass}, not a Sequential or Functional model`);
  const config = json.config;
  // Keras 2.0-2.2 wrote a Sequential's config as the bare list of its layers
  const list = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  if (!Array.isArray(list)) return fail(`the ${modelClass} config has no list of layers`);
  const name = isRecord(config) && typeof config.name === 'string' ? config.name : modelClass.toLowerCase();
  // the InputLayer is in the list and not counted
  if (list.length > MAX_LAYERS + 1) {
    const past = layerOf(list[MAX_LAYERS + 1], `layers[${MAX_LAYERS + 1}]`);
    return fail(`the model has ${list.length} layers, more than the ${MAX_LAYERS} that can be imported (layer '${past.name}' is past the limit)`);
  }
  const parsed = list.map((item, i) => layerOf(item, `layers[${i}]`));
  const ordered = modelClass === 'Sequential' ? parsed : chainOrder(parsed, isRecord(config) ? config : {});
  const first = ordered[0];
  if (first === undefined) return fail('the model has no layers');
  const buildShape = isRecord(config) ? shapeOf(config.build_input_shape) : null;
  const topBuild = isRecord(json.build_config) ? shapeOf(json.build_config.input_shape) : null;
  const inputShape = declaredInputShape(first, first.raw) ?? buildShape ?? topBuild;
  if (inputShape === null) return fail(`the model declares no input shape (layer '${first.name}' has no batch_shape or batch_input_shape)`);
  const layers = ordered.filter((l) => l.className !== 'InputLayer').map(({ className, name: n, config: c }) => ({ className, name: n, config: c }));
  return { modelClass, name, inputShape, layers };
}

/** The single layer feeding `layer`, from Keras 2's nested lists or Keras 3's keras_history. */
function inboundNames(layer: KerasLayer & { readonly raw: Readonly<Record<string, unknown>> }): string[] {
  const nodes = layer.raw.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) return fail(`layer '${layer.name}' is called ${nodes.length} times (shared layer); only a single chain can be imported`);
  const node: unknown = nodes[0];
  const names: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_NODE_DEPTH) fail(`layer '${layer.name}': its inbound_nodes nest more than ${MAX_NODE_DEPTH} levels deep; Keras writes 3 or 4`);
    if (isRecord(value)) {
      const history = isRecord(value.config) ? value.config.keras_history : undefined;
      if (Array.isArray(history) && typeof history[0] === 'string') names.push(history[0]);
      else Object.values(value).forEach((v) => { visit(v, depth + 1); });
    } else if (Array.isArray(value)) {
      if (typeof value[0] === 'string' && typeof value[1] === 'number') names.push(value[0]);
      else value.forEach((v) => { visit(v, depth + 1); });
    }
  };
  visit(node, 0);
  return names;
}

function chainOrder<L extends KerasLayer & { readonly raw: Readonly<Record<string, unknown>> }>(layers: readonly L[], config: Readonly<Record<string, unknown>>): L[] {
  const ends = (key: string): unknown[] => (Array.isArray(config[key]) ? config[key] : []);
  if (ends('input_layers').length > 1 || ends('output_layers').length > 1) {
    return fail(`the model has ${ends('input_layers').length} inputs and ${ends('output_layers').length} outputs; only one of each can be imported`);
  }
  const byName = new Map(layers.map((l) => [l.name, l]));
  const next = new Map<string, L>();
  let input: L | undefined;
  for (const layer of layers) {
    const inbound = inboundNames(layer);
    if (inbound.length === 0) {
      if (input !== undefined) return fail(`layers '${input.name}' and '${layer.name}' both take no input: the model has more than one input`);
      input = layer;
      continue;
    }
    const source = inbound[0] ?? '';
    if (inbound.length > 1) return fail(`layer '${layer.name}' takes ${inbound.length} inputs (${inbound.join(', ')}): a branching model cannot be imported`);
    if (!byName.has(source)) return fail(`layer '${layer.name}' takes its input from '${source}', which is not a layer of the model`);
    const taken = next.get(source);
    if (taken !== undefined) return fail(`layer '${source}' feeds both '${taken.name}' and '${layer.name}': a branching model cannot be imported`);
    next.set(source, layer);
  }
  if (input === undefined) return fail('the model has no input layer');
  const chain: L[] = [input];
  for (let at = next.get(input.name); at !== undefined; at = next.get(at.name)) chain.push(at);
  const onChain = new Set(chain);
  const left = layers.find((l) => !onChain.has(l));
  if (left !== undefined) return fail(`layer '${left.name}' is not on the chain from the input to the output: a branching model cannot be imported`);
  return chain;
}
