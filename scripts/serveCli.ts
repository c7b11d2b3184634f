import { parseArgs } from 'node:util';

/**
 * The command line of `npm start` and `npm run dev`: one flag, `--port`, read once with its
 * errors named. Users type `npm start --port 8081` without the `--`; npm then keeps `--port` as its
 * own config (`npm_config_port=true`) and passes `8081` on as a bare argument, so that shape is
 * recognised and honoured rather than refused with a parser's stack trace.
 */
export const DEFAULTS = { port: 8080 } as const;

export type ServeCommand = 'npm start' | 'npm run dev';

export type ServeRequest = { readonly kind: 'help' } | { readonly kind: 'serve'; readonly port: number };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function usage(command: ServeCommand): string {
  const what = command === 'npm start'
    ? 'Builds the game in memory and serves it'
    : 'Builds the game, rebuilds it when a source file changes and reloads the page,';
  return [
    `Usage: ${command} [-- --port N]`,
    `${what} on http://127.0.0.1:PORT/ (this machine only).`,
    `  --port N   0..65535, 0 picks a free port (default ${DEFAULTS.port}, or $PORT)`,
    '  --help     show this and exit',
  ].join('\n');
}

/** `env`: process.env; `npm_config_port` and `npm_lifecycle_event` are set by npm, PORT by the user. */
export function readServeRequest(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  command: ServeCommand,
): ServeRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };

  const npmPort = env.npm_lifecycle_event === undefined ? undefined : env.npm_config_port;
  let rawPort = values.port;
  let extra = positionals;
  if (rawPort === undefined && npmPort !== undefined) {
    if (npmPort !== 'true') rawPort = npmPort;
    else if (positionals.length === 1) [rawPort, ...extra] = positionals;
    else throw new UsageError(`--port needs a value: ${command} -- --port 8081`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`);
  const source = rawPort === undefined ? 'PORT' : '--port';
  rawPort ??= env.PORT ?? String(DEFAULTS.port);
  const port = Number(rawPort);
  if (rawPort.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${source} must be an integer 0..65535, got "${rawPort}"`);
  }
  return { kind: 'serve', port };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} needs a value, e.g. --port 8081`;
  return message;
}

/** One line for a failure to listen: a busy port is a newcomer's most likely first error. */
export function describeListenError(error: unknown, port: number, command: ServeCommand): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return `port ${port} is in use: try ${command} -- --port ${port < 65535 ? port + 1 : 0}`;
  if (code === 'EACCES') return `port ${port} needs privileges on this machine: try ${command} -- --port ${DEFAULTS.port}`;
  return `cannot listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * For the entries: the port to serve on, after printing the usage and exiting where the command
 * line asks for help (exit 0) or is wrong (one line and the usage, exit 2).
 */
export function portOrExit(argv: readonly string[], env: NodeJS.ProcessEnv, command: ServeCommand): number {
  let request: ServeRequest;
  try {
    request = readServeRequest(argv, env, command);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage(command)}`);
    process.exit(2);
  }
  if (request.kind === 'help') {
    console.log(usage(command));
    process.exit(0);
  }
  return request.port;
}
