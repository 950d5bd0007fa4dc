import { ConfigError, loadAppConfig } from '../src/config/app-config';

const KAFKA = { CHIDAO_BUS: 'kafka', CHIDAO_KAFKA_BROKERS: '127.0.0.1:9092' };

describe('API configuration: where the projections run', () => {
  it('runs them in the API by default, and leaves them to the projector on Kafka', () => {
    expect(loadAppConfig({}).projections).toBe('embedded');
    expect(loadAppConfig({ CHIDAO_PROJECTIONS: 'off' }).projections).toBe('off');
    expect(loadAppConfig(KAFKA).projections).toBe('off');
  });

  it('refuses runners in the API next to Kafka consumers, which would apply events twice', () => {
    const load = () => loadAppConfig({ ...KAFKA, CHIDAO_PROJECTIONS: 'embedded' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/CHIDAO_PROJECTIONS=embedded cannot be combined with CHIDAO_BUS=kafka/);
  });
});

describe('API configuration: how long Idempotency-Keys are kept', () => {
  it('keeps them 24 hours unless CHIDAO_IDEMPOTENCY_RETENTION_HOURS says otherwise', () => {
    expect(loadAppConfig({}).idempotencyRetentionHours).toBe(24);
    const week = { CHIDAO_IDEMPOTENCY_RETENTION_HOURS: '168' };
    expect(loadAppConfig(week).idempotencyRetentionHours).toBe(168);
  });

  it.each(['0', '1.5', 'day', '2161'])('refuses %s', (hours) => {
    expect(() => loadAppConfig({ CHIDAO_IDEMPOTENCY_RETENTION_HOURS: hours })).toThrow(
      /CHIDAO_IDEMPOTENCY_RETENTION_HOURS="[^"]*" must be a whole number from 1 to 2160/,
    );
  });
});
