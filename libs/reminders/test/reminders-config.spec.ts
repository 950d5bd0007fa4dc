/**
 * The reminders' variables as every process that may run them reads them: the API (whose own
 * address is the default for the links in e-mail) and the reporting process (which has none).
 */
import { readRemindersConfig } from '@chidao/reminders';

const API = { defaultPublicUrl: 'http://localhost:3000' };
const REPORTING = { defaultPublicUrl: null };

describe('readRemindersConfig', () => {
  it('reads the same settings, working days and channels in every process', () => {
    const env = {
      CHIDAO_REMINDER_AT: '07:30',
      CHIDAO_REMINDER_BEFORE_DEADLINE_DAYS: '5',
      CHIDAO_HOLIDAYS: '2027-02-05,2027-02-08',
      CHIDAO_SMTP_URL: 'smtp://mail.hatinh.gov.vn:587',
      CHIDAO_MAIL_FROM: 'Văn phòng UBND tỉnh <nhacviec@hatinh.gov.vn>',
      CHIDAO_PUBLIC_URL: 'https://chidao.hatinh.gov.vn/',
    };
    const api = readRemindersConfig(env, API);
    const reporting = readRemindersConfig(env, REPORTING);
    expect(reporting).toEqual(api);
    expect(reporting.problems).toEqual([]);
    expect(reporting.config).toMatchObject({
      at: '07:30',
      holidays: ['2027-02-05', '2027-02-08'],
      publicUrl: 'https://chidao.hatinh.gov.vn',
      mailDomain: 'hatinh.gov.vn',
    });
    expect(reporting.config.settings.beforeDeadlineWorkingDays).toBe(5);
  });

  it('needs the web app’s address where a process with no default of its own sends e-mail', () => {
    const sending = { CHIDAO_REMINDER_AT: '08:00', CHIDAO_SMTP_URL: 'smtp://mail.example.vn' };
    expect(readRemindersConfig(sending, REPORTING).problems).toEqual([
      expect.stringMatching(/^CHIDAO_PUBLIC_URL is required where reminders are sent by e-mail/),
    ]);
    expect(readRemindersConfig(sending, API).problems).toEqual([]);
    // Not sending here, or no e-mail: no link to write.
    expect(
      readRemindersConfig({ CHIDAO_SMTP_URL: 'smtp://mail.example.vn' }, REPORTING).problems,
    ).toEqual([]);
    expect(readRemindersConfig({ CHIDAO_REMINDER_AT: '08:00' }, REPORTING)).toMatchObject({
      config: { at: '08:00', mail: null, publicUrl: '' },
      problems: [],
    });
  });

  it('says each problem on a line naming the variable, never quoting a secret', () => {
    const { problems } = readRemindersConfig(
      {
        CHIDAO_REMINDER_AT: '25:00',
        CHIDAO_HOLIDAYS: '2027-13-01',
        CHIDAO_SMTP_URL: 'http://u:s3cret@mail.example.vn',
        CHIDAO_PUBLIC_URL: 'chidao.example.vn',
        CHIDAO_SMS_GATEWAY_URL: 'https://sms.example.vn/send',
        CHIDAO_SMS_GATEWAY_AUTH: 'Bearer t0ken',
      },
      REPORTING,
    );
    expect(problems.map((line) => line.split(/[ =:]/)[0])).toEqual([
      'CHIDAO_HOLIDAYS',
      'CHIDAO_REMINDER_AT',
      'CHIDAO_SMTP_URL',
      'CHIDAO_SMS_GATEWAY_AUTH',
      'CHIDAO_PUBLIC_URL',
    ]);
    expect(problems.join('\n')).not.toMatch(/s3cret|t0ken/);
  });
});
