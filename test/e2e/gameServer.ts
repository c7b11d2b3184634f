import { startServer, type RunningServer } from '../../scripts/server.ts';
import { buildSite, type Site, type SiteFile } from '../../scripts/site.ts';

let cachedSite: Promise<Site> | null = null;

/** The real site, built once per test process (esbuild takes a second or two). */
export function gameSite(): Promise<Site> {
  cachedSite ??= buildSite({ minify: true });
  return cachedSite;
}

/**
 * Serves the game on 127.0.0.1 at a free port. `extraFiles` add to or replace site entries, e.g. a
 * deliberately broken model listed in a patched models/index.json.
 */
export async function startGameServer(extraFiles: ReadonlyMap<string, SiteFile> = new Map()): Promise<RunningServer> {
  const site = new Map(await gameSite());
  for (const [path, file] of extraFiles) site.set(path, file);
  return startServer({ site, port: 0 });
}

export function jsonFile(value: unknown): SiteFile {
  return { body: new TextEncoder().encode(JSON.stringify(value)), type: 'application/json; charset=utf-8' };
}
