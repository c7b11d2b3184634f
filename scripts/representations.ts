import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { SiteFile } from './site.ts';

/**
 * What the server can send for one site file: its bytes, compressed forms, a validator and a
 * date. Computed once per file object and kept for as long as the site holds that object; the dev
 * build replaces a file with a new object, which is then computed afresh.
 */
export interface Representations {
  /** quoted, from the bytes: the same file gets the same tag across restarts */
  readonly etag: string;
  /** HTTP date of when this server first saw the file, in whole seconds as HTTP dates are */
  readonly lastModified: string;
  readonly modifiedMs: number;
  /** only the encodings that make the file at least MIN_SAVING smaller */
  readonly encoded: ReadonlyMap<ContentEncoding, Uint8Array>;
}

export type ContentEncoding = 'br' | 'gzip';

/** Preference order when the browser accepts both. */
const ENCODINGS: readonly ContentEncoding[] = ['br', 'gzip'];

/** Already-compressed files (fonts, float weights) barely shrink; sending them as-is saves the browser the work. */
const MIN_SAVING = 0.1;

/** Brotli's top quality 11 is far slower on the megabytes of model weights for a few percent; 9 is quick. */
const BROTLI_QUALITY = 9;

const compress: Readonly<Record<ContentEncoding, (body: Uint8Array) => Promise<Uint8Array>>> = {
  br: (body) => promisify(brotliCompress)(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
  }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

export class RepresentationCache {
  private readonly cache = new WeakMap<SiteFile, Promise<Representations>>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  get(file: SiteFile): Promise<Representations> {
    let entry = this.cache.get(file);
    if (entry === undefined) {
      entry = this.compute(file);
      this.cache.set(file, entry);
    }
    return entry;
  }

  private async compute(file: SiteFile): Promise<Representations> {
    const modifiedMs = Math.floor(this.nowMs() / 1000) * 1000;
    const encoded = new Map<ContentEncoding, Uint8Array>();
    for (const encoding of ENCODINGS) {
      const body = await compress[encoding](file.body);
      if (body.byteLength <= file.body.byteLength * (1 - MIN_SAVING)) encoded.set(encoding, body);
    }
    const hash = createHash('sha256').update(file.body).digest('base64url').slice(0, 22);
    return { etag: `"${hash}"`, lastModified: new Date(modifiedMs).toUTCString(), modifiedMs, encoded };
  }
}

/** The encoding to send for an Accept-Encoding header, null for the bytes as they are. */
export function chooseEncoding(acceptEncoding: string | undefined, available: ReadonlyMap<ContentEncoding, Uint8Array>): ContentEncoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*') ?? 0;
  return ENCODINGS.find((e) => available.has(e) && (accepted.get(e) ?? wildcard) > 0) ?? null;
}

/** The tag of one encoding of a file: a strong tag names exactly one byte sequence. */
export function encodingTag(etag: string, encoding: ContentEncoding | null): string {
  return encoding === null ? etag : `${etag.slice(0, -1)}-${encoding}"`;
}

/** If-None-Match holds `tag` (weak comparison, as RFC 9110 asks for this header) or is `*`. */
export function matchesNoneMatch(header: string, tag: string): boolean {
  return header.split(',').some((part) => {
    const candidate = part.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === tag;
  });
}
