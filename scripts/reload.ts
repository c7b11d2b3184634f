import type { ServerResponse } from 'node:http';

/** The path pages listen on for "rebuilt, reload": the one esbuild's own dev server uses. */
export const RELOAD_PATH = '/esbuild';

/** The page side, added to the dev bundle only. */
export const RELOAD_CLIENT = `new EventSource(${JSON.stringify(RELOAD_PATH.slice(1))}).addEventListener('change', () => location.reload());`;

/**
 * Server-sent events for `npm run dev`: every open page holds one response open, and a rebuild
 * sends each an event named `change`.
 */
export class ReloadChannel {
  private readonly clients = new Set<ServerResponse>();

  attach(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    // a comment line, so the page's EventSource opens at once
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  change(): void {
    for (const response of this.clients) response.write('event: change\ndata: rebuilt\n\n');
  }

  get listeners(): number {
    return this.clients.size;
  }
}
