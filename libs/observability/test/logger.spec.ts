import { createLogger, readObservabilityConfig, type LogLevel } from '../src';

/** A logger writing into an array, one parsed JSON object per line. */
function capture(level: LogLevel = 'info') {
  const raw: string[] = [];
  const logger = createLogger({
    service: 'projector',
    level,
    destination: { write: (line: string) => raw.push(line) },
  });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line: ISO time, level as a word, service, message, fields', () => {
    const { logger, raw, lines } = capture();
    logger.info('started');
    logger.warn({ worker: 'projection tasks', attempt: 3 }, 'retrying');

    expect(raw.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(
      true,
    );
    const [started, retrying] = lines();
    expect(started).toMatchObject({ level: 'info', service: 'projector', msg: 'started' });
    expect(new Date(started.time as string).toISOString()).toBe(started.time);
    expect(retrying).toMatchObject({
      level: 'warn',
      worker: 'projection tasks',
      attempt: 3,
      msg: 'retrying',
    });
  });

  it('never writes colour codes', () => {
    const { logger, raw } = capture();
    logger.error({ err: new Error('boom') }, 'failed');
    // eslint-disable-next-line no-control-regex
    expect(raw.join('')).not.toMatch(/\u001b\[/);
  });

  it('writes an error under err with its type, message and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('bad row') }, 'projection failed');
    expect(lines()[0].err).toMatchObject({
      type: 'TypeError',
      message: 'bad row',
      stack: expect.stringContaining('TypeError: bad row'),
    });
  });

  it('leaves out what is below its level, and child loggers add their fields', () => {
    const { logger, lines } = capture('warn');
    logger.info('not written');
    logger.child({ worker: 'relay chidao-log' }).warn('written');
    expect(lines()).toEqual([
      expect.objectContaining({ worker: 'relay chidao-log', msg: 'written' }),
    ]);
  });

  it('redacts passwords, tokens, cookies and authorization headers wherever a caller puts them', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      {
        password: 'hunter2-hunter2',
        user: { username: 'alice', password: 'alice-secret-1' },
        accessToken: 'eyJhbGciOi.access',
        body: { refreshToken: 'refresh-secret' },
        req: { headers: { authorization: 'Bearer eyJhbGciOi.header', cookie: 'sid=abc' } },
      },
      'careless caller',
    );
    const text = raw.join('');
    for (const secret of ['hunter2', 'alice-secret-1', 'eyJhbGciOi', 'refresh-secret', 'sid=abc']) {
      expect(text).not.toContain(secret);
    }
    expect(lines()[0]).toMatchObject({ password: '[redacted]', user: { username: 'alice' } });
  });
});

describe('readObservabilityConfig', () => {
  it('defaults to info and an open /metrics', () => {
    expect(readObservabilityConfig({})).toEqual({
      config: { logLevel: 'info', metricsToken: null },
      problems: [],
    });
  });

  it('takes a level in any case and a token', () => {
    const token = 'a-long-enough-metrics-token';
    expect(
      readObservabilityConfig({ CHIDAO_LOG_LEVEL: 'DEBUG', CHIDAO_METRICS_TOKEN: token }).config,
    ).toEqual({ logLevel: 'debug', metricsToken: token });
  });

  it('names each variable it refuses', () => {
    const { problems } = readObservabilityConfig({
      CHIDAO_LOG_LEVEL: 'verbose',
      CHIDAO_METRICS_TOKEN: 'short',
    });
    expect(problems).toEqual([
      'CHIDAO_LOG_LEVEL="verbose" must be one of fatal, error, warn, info, debug, trace, silent',
      expect.stringMatching(/^CHIDAO_METRICS_TOKEN must be at least 16 characters/),
    ]);
  });
});
