/**
 * An assigning body's own reminder settings, end to end on the real app: its tracking office
 * reads them beside the deployment's and sets them; the reminder run then uses them for the
 * tasks the body assigns; the change is in the log with its words; whoever may not change them
 * is refused and nothing is written; bad values are refused naming the form's label.
 */
import { seedProvince, type Province, type UserName } from './support/province';
import { asText } from './support/response-body';
import { assignReceivedTask, registerDirective } from './support/task-steps';
import { startTestApp, type TestApp } from './support/test-app';

describe('reminder settings of an assigning body', () => {
  let t: TestApp;
  let p: Province;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const read = (who: UserName, code = 'UBND-TINH') =>
    t.http.get(`/api/agencies/${code}/reminder-settings`).set(p.headers(who));
  const change = (who: UserName, body: object, code = 'UBND-TINH') =>
    t.http.put(`/api/agencies/${code}/reminder-settings`).set(p.headers(who)).send(body);

  beforeAll(async () => {
    // Monday 01/07/2024, 09:00 in Vietnam.
    t = await startTestApp({ now: '2024-07-01T02:00:00Z' });
    p = await seedProvince(t);
    const directive = await registerDirective(t, p);
    // Due Monday 08/07: 5 working days ahead, so not yet reminded with the default 3.
    await assignReceivedTask(
      t,
      p,
      directive,
      {
        title: 'Kế hoạch chuyển đổi số',
        leadAgency: 'STTTT',
        deadline: '2024-07-08',
        occurredOn: '2024-06-17',
      },
      '2024-06-18',
    );
  });
  afterAll(() => t?.close());

  it('starts with the deployment’s settings, labelled for the form', async () => {
    const { body } = await read('tracker').expect(200);
    expect(body).toMatchObject({
      agency: 'UBND-TINH',
      agencyName: 'UBND tỉnh Hà Tĩnh',
      override: {},
      effective: { beforeDeadlineWorkingDays: 3, onDeadline: true, overdueEveryDays: 7 },
    });
    expect(body.defaults).toEqual(body.effective);
    expect(body.fields).toContainEqual({
      name: 'beforeDeadlineWorkingDays',
      labelVi: 'Số ngày làm việc nhắc trước thời hạn',
      labelEn: 'Working days before the deadline to remind',
      kind: 'whole',
      min: 0,
      max: 30,
    });
    const run = await t.http.post('/api/reminders/run').set(p.headers('tracker')).expect(200);
    expect(run.body.run.remindersIssued).toBe(0);
  });

  it('lets the body’s tracking office set them, and the run follows them', async () => {
    const before = await headPosition();
    const { body } = await change('tracker', {
      beforeDeadlineWorkingDays: 5,
      overdueEveryDays: 14,
      openSilentDays: null,
    }).expect(200);
    expect(await headPosition()).toBe(before + 1);
    expect(body.override).toEqual({ beforeDeadlineWorkingDays: 5, overdueEveryDays: 14 });
    expect(body.effective).toMatchObject({
      beforeDeadlineWorkingDays: 5,
      overdueEveryDays: 14,
      openSilentDays: 30,
    });
    expect(body.defaults.beforeDeadlineWorkingDays).toBe(3);

    const run = await t.http.post('/api/reminders/run').set(p.headers('tracker')).expect(200);
    expect(run.body.run).toMatchObject({ remindersIssued: 1 });
  });

  it('shows the change to auditors in words, in the audit export', async () => {
    const res = await t.http
      .get('/api/audit/events')
      .query({ stream: 'agency-ubnd-tinh', format: 'csv', lang: 'vi' })
      .set(p.headers('auditor'))
      .buffer(true)
      .parse(asText)
      .expect(200);
    // One row per event of the body's stream; the last column is the event in words.
    const rows = (res.body as string).split('\n').filter((line) => line.includes(','));
    const changed = rows.filter((line) => line.includes('AgencyReminderSettingsChanged'));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain(p.userIds.tracker);
    expect(changed[0]).toContain(
      'Cài đặt nhắc việc các nhiệm vụ do UBND tỉnh Hà Tĩnh giao: ' +
        'Số ngày làm việc nhắc trước thời hạn: 5; Số ngày giữa hai lần nhắc nhiệm vụ quá hạn: 14',
    );
    await read('auditor').expect(200);
  });

  it('refuses an unchanged setting, and {} goes back to the deployment’s', async () => {
    const same = await change('tracker', { beforeDeadlineWorkingDays: 5, overdueEveryDays: 14 });
    expect(same.status).toBe(422);
    const { body } = await change('admin', {}).expect(200);
    expect(body.override).toEqual({});
    expect(body.effective).toEqual(body.defaults);
  });

  it.each<[UserName, number, RegExp]>([
    ['staffTTTT', 403, /văn phòng theo dõi của chính cơ quan giao nhiệm vụ/],
    ['leader', 403, /văn phòng theo dõi của chính cơ quan giao nhiệm vụ/],
    ['auditor', 403, /./],
    ['leaderKhac', 403, /văn phòng theo dõi/],
  ])('refuses %s a change (%d), writing nothing', async (who, status, message) => {
    const before = await headPosition();
    const refused = await change(who, { overdueEveryDays: 3 });
    expect(refused.status).toBe(status);
    expect(refused.body.messageVi).toMatch(message);
    expect(await headPosition()).toBe(before);
  });

  it('lets the body’s leaders read them, but not another body’s staff', async () => {
    await read('leader').expect(200);
    const refused = await read('staffTTTT');
    expect(refused.status).toBe(403);
    await t.http.get('/api/agencies/UBND-TINH/reminder-settings').expect(401);
  });

  it.each<[object, RegExp]>([
    [{ beforeDeadlineWorkingDays: 31 }, /Số ngày làm việc nhắc trước thời hạn/],
    [{ overdueEveryDays: 2.5 }, /Số ngày giữa hai lần nhắc nhiệm vụ quá hạn/],
    [{ onDeadline: 'có' }, /Nhắc vào ngày đến hạn/],
    [{ everyHour: 1 }, /everyHour/],
  ])('refuses %j naming the field, writing nothing', async (settings, label) => {
    const before = await headPosition();
    const refused = await change('admin', settings);
    expect(refused.status).toBe(400);
    expect(refused.body.messageVi).toMatch(label);
    expect(refused.body.messageVi).not.toMatch(/ReminderSettingsDto|beforeDeadlineWorkingDays/);
    expect(await headPosition()).toBe(before);
  });

  it('answers 404 for an agency that does not exist', async () => {
    await change('admin', { overdueEveryDays: 3 }, 'KHONG-CO').expect(404);
    await read('admin', 'KHONG-CO').expect(404);
  });
});
