import { unzipSync, type UnzipFileInfo } from 'fflate';
import { fail } from './errors.ts';

/**
 * Reads a .keras zip within limits checked on the declared sizes before anything is inflated, so a
 * zip bomb is refused without being expanded. A digit model is a few MiB; the limits leave room for
 * models a hundred times larger.
 */

export const ZIP_LIMITS = { members: 64, memberBytes: 256 * 1024 * 1024, totalBytes: 512 * 1024 * 1024 } as const;

export type ZipLimits = { readonly [K in keyof typeof ZIP_LIMITS]: number };

export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = ZIP_LIMITS): Map<string, Uint8Array> {
  let count = 0;
  let total = 0;
  const admit = (info: UnzipFileInfo): boolean => {
    count++;
    total += info.originalSize;
    if (count > limits.members) fail(`${file}: the zip has more than ${limits.members} members; a .keras file has three`);
    if (info.originalSize > limits.memberBytes) fail(`${file}: zip member ${info.name} is ${info.originalSize} bytes, over the limit of ${limits.memberBytes}`);
    if (total > limits.totalBytes) fail(`${file}: the zip's members add up to more than ${limits.totalBytes} bytes`);
    return true;
  };
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, { filter: admit });
  } catch (error) {
    if (error instanceof Error && error.name === 'KerasFormatError') throw error;
    return fail(`${file} is not a readable zip: ${(error as Error).message}`);
  }
  return new Map(Object.entries(members));
}

export function member(members: ReadonlyMap<string, Uint8Array>, name: string, file: string): Uint8Array {
  const bytes = members.get(name);
  if (bytes === undefined) return fail(`${file}: the zip has no ${name} member (it holds ${[...members.keys()].join(', ') || 'nothing'})`);
  return bytes;
}

export function memberJson(members: ReadonlyMap<string, Uint8Array>, name: string, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(member(members, name, file))) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return fail(`${file}: zip member ${name} is not JSON (${error.message})`);
    throw error;
  }
}
