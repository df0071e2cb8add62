import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';

function nestLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return {
    logger: new PinoNestLogger(createLogger({ service: 'gateway', level: 'trace', destination })),
    lines,
  };
}

describe('PinoNestLogger', () => {
  it('logs Nest messages at the matching pino level with their context', () => {
    const { logger, lines } = nestLogger();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('slow', 'RoutesResolver');
    logger.debug('mapped', 'RouterExplorer');
    logger.verbose('details', 'InstanceLoader');
    logger.fatal('gone', 'Bootstrap');
    expect(lines.map((line) => [line.level, line.msg, line.context])).toEqual([
      ['info', 'Nest application successfully started', 'NestApplication'],
      ['warn', 'slow', 'RoutesResolver'],
      ['debug', 'mapped', 'RouterExplorer'],
      ['trace', 'details', 'InstanceLoader'],
      ['fatal', 'gone', 'Bootstrap'],
    ]);
  });

  it('keeps the stack trace Nest passes before the context of an error', () => {
    const { logger, lines } = nestLogger();
    logger.error('boom', 'Error: boom\n    at handler (file.ts:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'boom',
      context: 'ExceptionsHandler',
      stack: 'Error: boom\n    at handler (file.ts:1:1)',
    });
  });

  it('serializes an Error object with its stack', () => {
    const { logger, lines } = nestLogger();
    logger.error(new Error('database unreachable'), 'Bootstrap');
    expect(lines[0]).toMatchObject({
      msg: 'database unreachable',
      context: 'Bootstrap',
      err: expect.objectContaining({
        message: 'database unreachable',
        stack: expect.stringContaining('Error'),
      }),
    });
  });

  it('merges an object message into the line', () => {
    const { logger, lines } = nestLogger();
    logger.log({ route: '/v1/meters/:key', method: 'GET' }, 'RouterExplorer');
    expect(lines[0]).toMatchObject({
      route: '/v1/meters/:key',
      method: 'GET',
      context: 'RouterExplorer',
    });
  });
});
