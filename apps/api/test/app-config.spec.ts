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
