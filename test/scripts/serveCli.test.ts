import { describe, expect, test } from 'vitest';
import { describeListenError, readServeRequest, UsageError } from '../../scripts/serveCli.ts';

/** npm sets npm_lifecycle_event for every `npm start` / `npm run`; `--port` typed before `--` becomes npm_config_port. */
const NPM = { npm_lifecycle_event: 'start' };

describe('readServeRequest', () => {
  test.each([
    { argv: [], env: {}, port: 8080 },
    { argv: ['--port', '8081'], env: {}, port: 8081 },
    { argv: ['--port=0'], env: {}, port: 0 },
    { argv: [], env: { PORT: '9000' }, port: 9000 },
    { argv: ['--port', '8081'], env: { PORT: '9000' }, port: 8081 },
    // `npm start --port 8081`: npm keeps --port as a config of its own and passes 8081 on bare
    { argv: ['8081'], env: { ...NPM, npm_config_port: 'true' }, port: 8081 },
    // `npm start --port=8081`
    { argv: [], env: { ...NPM, npm_config_port: '8081', PORT: '9000' }, port: 8081 },
    { argv: ['--port', '7000'], env: { ...NPM, npm_config_port: '8081' }, port: 7000 },
    // outside npm a stray npm_config_port means nothing
    { argv: [], env: { npm_config_port: '8081' }, port: 8080 },
  ])('$argv with $env -> port $port', ({ argv, env, port }) => {
    expect(readServeRequest(argv, env, 'npm start')).toEqual({ kind: 'serve', port });
  });

  test.each([['--help'], ['-h'], ['--port', '1', '--help']])('%s asks for help', (...argv) => {
    expect(readServeRequest(argv, {}, 'npm start')).toEqual({ kind: 'help' });
  });

  test.each([
    { argv: ['--bogus'], env: {}, says: 'unknown option --bogus' },
    { argv: ['-x'], env: {}, says: 'unknown option -x' },
    { argv: ['--port'], env: {}, says: '--port needs a value, e.g. --port 8081' },
    { argv: ['--port', 'eighty'], env: {}, says: '--port must be an integer 0..65535, got "eighty"' },
    { argv: ['--port', '65536'], env: {}, says: '--port must be an integer 0..65535, got "65536"' },
    { argv: ['--port', '80.5'], env: {}, says: '--port must be an integer 0..65535, got "80.5"' },
    { argv: ['--port', ''], env: {}, says: '--port must be an integer 0..65535, got ""' },
    { argv: [], env: { PORT: 'x' }, says: 'PORT must be an integer 0..65535, got "x"' },
    { argv: ['8081'], env: {}, says: 'unexpected argument "8081"' },
    { argv: [], env: { ...NPM, npm_config_port: 'true' }, says: '--port needs a value: npm start -- --port 8081' },
    { argv: ['1', '2'], env: { ...NPM, npm_config_port: 'true' }, says: '--port needs a value: npm start -- --port 8081' },
  ])('$argv with $env: "$says"', ({ argv, env, says }) => {
    expect(() => readServeRequest(argv, env, 'npm start')).toThrow(new UsageError(says));
  });

  test('names the command it was given', () => {
    expect(() => readServeRequest([], { npm_lifecycle_event: 'dev', npm_config_port: 'true' }, 'npm run dev'))
      .toThrow(new UsageError('--port needs a value: npm run dev -- --port 8081'));
  });
});

describe('describeListenError', () => {
  test.each([
    { code: 'EADDRINUSE', port: 8080, says: 'port 8080 is in use: try npm start -- --port 8081' },
    { code: 'EADDRINUSE', port: 65535, says: 'port 65535 is in use: try npm start -- --port 0' },
    { code: 'EACCES', port: 80, says: 'port 80 needs privileges on this machine: try npm start -- --port 8080' },
    { code: 'EOTHER', port: 8080, says: 'cannot listen on 127.0.0.1:8080: boom' },
  ])('$code on $port', ({ code, port, says }) => {
    expect(describeListenError(Object.assign(new Error('boom'), { code }), port, 'npm start')).toBe(says);
  });
});
