/** Every refusal of a Keras file: the message names the layer, member or weight and what is wrong. */
export class KerasFormatError extends Error {
  override name = 'KerasFormatError';
}

export function fail(message: string): never {
  throw new KerasFormatError(message);
}
