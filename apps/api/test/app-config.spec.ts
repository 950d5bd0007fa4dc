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

describe('reminders', () => {
  it('runs no daily reminders and sends no mail unless told where and when', () => {
    const { reminders } = loadAppConfig({});
    expect(reminders).toMatchObject({ at: null, mail: null, sms: null });
    expect(reminders.settings.beforeDeadlineWorkingDays).toBe(3);
  });

  it('reads the hour, the mail server, the sender and the gateway', () => {
    const { reminders } = loadAppConfig({
      CHIDAO_REMINDER_AT: '08:00',
      CHIDAO_SMTP_URL: 'smtp://mail.hatinh.gov.vn:587',
      CHIDAO_MAIL_FROM: 'Văn phòng UBND tỉnh <nhacviec@hatinh.gov.vn>',
      CHIDAO_PUBLIC_URL: 'https://chidao.hatinh.gov.vn/',
      CHIDAO_SMS_GATEWAY_URL: 'https://sms.example.vn/send',
      CHIDAO_SMS_GATEWAY_AUTH: 'Authorization: Bearer s3cret',
    });
    expect(reminders).toMatchObject({
      at: '08:00',
      mail: {
        url: 'smtp://mail.hatinh.gov.vn:587',
        from: { name: 'Văn phòng UBND tỉnh', address: 'nhacviec@hatinh.gov.vn' },
      },
      publicUrl: 'https://chidao.hatinh.gov.vn',
      mailDomain: 'hatinh.gov.vn',
      sms: {
        url: 'https://sms.example.vn/send',
        authHeader: { name: 'Authorization', value: 'Bearer s3cret' },
      },
    });
  });

  it('refuses a bad hour, sender or gateway header, never quoting the secret', () => {
    const load = () =>
      loadAppConfig({
        CHIDAO_REMINDER_AT: '8h',
        CHIDAO_MAIL_FROM: 'nhacviec',
        CHIDAO_SMS_GATEWAY_URL: 'https://sms.example.vn/send',
        CHIDAO_SMS_GATEWAY_AUTH: 'Bearer s3cret',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/CHIDAO_REMINDER_AT="8h" must be HH:MM/);
    expect(load).toThrow(/CHIDAO_MAIL_FROM must read/);
    expect(load).toThrow(/CHIDAO_SMS_GATEWAY_AUTH must read/);
    expect(load).not.toThrow(/s3cret/);
  });

  it('refuses a mail server URL it cannot use without quoting it (it may hold a password)', () => {
    for (const url of [
      'smtp://u:s3cret@host:99999',
      'smtp://u:50%off@host',
      'http://u:s3cret@host',
    ]) {
      const load = () => loadAppConfig({ CHIDAO_SMTP_URL: url });
      expect(load).toThrow(/CHIDAO_SMTP_URL must be smtp:\/\/host/);
      expect(load).not.toThrow(/s3cret|50%off/);
    }
  });
});
