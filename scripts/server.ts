import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Site } from './site.ts';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly site: Site;
  /** 0 picks a free port */
  readonly port: number;
}

/** Local only: the game is for this machine's browser, not the network. */
export const HOST = '127.0.0.1';

/**
 * Serves the in-memory site and nothing else: a path is looked up as a key of the map, so `..`,
 * encoded slashes or absolute paths cannot reach the file system; they are simply not found.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = createServer((request, response) => respond(options.site, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${HOST}:${port}/`,
        port,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
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

function respond(site: Site, request: IncomingMessage, response: ServerResponse): void {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const key = siteKey(request.url ?? '/');
  const file = key === null ? undefined : site.get(key);
  if (file === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': file.body.byteLength,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(method === 'HEAD' ? undefined : file.body);
}
