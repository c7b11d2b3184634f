import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELOAD_PATH, type ReloadChannel } from './reload.ts';
import { chooseEncoding, encodingTag, matchesNoneMatch, RepresentationCache } from './representations.ts';
import type { Site } from './site.ts';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** read at every request, so a dev build may replace entries while the server runs */
  readonly site: Site;
  /** 0 picks a free port */
  readonly port: number;
  /** `npm run dev`: pages listen at RELOAD_PATH for rebuilds */
  readonly reload?: ReloadChannel;
}

/** Local only: the game is for this machine's browser, not the network. */
export const HOST = '127.0.0.1';

/**
 * Serves the in-memory site and nothing else: a path is looked up as a key of the map, so `..`,
 * encoded slashes or absolute paths cannot reach the file system; they are simply not found.
 * Each file goes out with a validator and `no-cache`, so a reload costs a 304 per unchanged file,
 * and compressed when the browser accepts it.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const representations = new RepresentationCache();
  let hosts: ReadonlySet<string> = new Set();
  const server = createServer((request, response) => {
    respond(options, representations, hosts, request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      const { port } = server.address() as AddressInfo;
      hosts = allowedHosts(port);
      // compress in the background now, so the first page load does not wait for it
      for (const file of options.site.values()) void representations.get(file);
      resolve({
        url: `http://${HOST}:${port}/`,
        port,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => { done(); });
        }),
      });
    });
  });
}

/**
 * The Host names a page on this machine may use. Anything else is refused: a web page whose DNS
 * name is re-pointed at 127.0.0.1 (DNS rebinding) would otherwise read the server as same-origin.
 */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** URL path -> site key, or null when it cannot name a site file. */
export function siteKey(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  if (!path.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((part) => part === '..' || part === '.')) return null;
  const key = decoded.slice(1);
  return key === '' ? 'index.html' : key;
}

const TEXT = 'text/plain; charset=utf-8';

async function respond(
  options: ServerOptions,
  representations: RepresentationCache,
  hosts: ReadonlySet<string>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
    response.writeHead(403, { 'Content-Type': TEXT }).end('this server answers only http://127.0.0.1 and http://localhost\n');
    return;
  }
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': TEXT }).end('method not allowed\n');
    return;
  }
  const key = siteKey(request.url ?? '/');
  if (options.reload !== undefined && key === RELOAD_PATH.slice(1)) {
    options.reload.attach(response);
    return;
  }
  const file = key === null ? undefined : options.site.get(key);
  if (file === undefined) {
    response.writeHead(404, { 'Content-Type': TEXT }).end('not found\n');
    return;
  }
  const { etag, lastModified, modifiedMs, encoded } = await representations.get(file);
  const encoding = chooseEncoding(request.headers['accept-encoding'], encoded);
  const tag = encodingTag(etag, encoding);
  const headers = { ETag: tag, 'Last-Modified': lastModified, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
  const noneMatch = request.headers['if-none-match'];
  const modifiedSince = Date.parse(request.headers['if-modified-since'] ?? '');
  const fresh = noneMatch !== undefined ? matchesNoneMatch(noneMatch, tag) : modifiedMs <= modifiedSince;
  if (fresh) {
    response.writeHead(304, headers).end();
    return;
  }
  const body = encoding === null ? file.body : (encoded.get(encoding) ?? file.body);
  response.writeHead(200, {
    ...headers,
    'Content-Type': file.type,
    'Content-Length': body.byteLength,
    ...(encoding === null ? {} : { 'Content-Encoding': encoding }),
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : body);
}
