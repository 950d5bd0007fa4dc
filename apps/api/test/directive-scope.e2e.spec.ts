import {
  decideDirective,
  directiveReservation,
  foldDirective,
  isDomainError,
  parseDirectiveCommand,
  type RegisterDirective,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { EVENT_STORE } from '../src/infrastructure/event-store.providers';
import { startTestApp, type TestApp } from './support/test-app';
import { seedProvince, type Province, type UserName } from './support/province';

/**
 * Issue 16, items 7 and 8: a body enters only its own documents and those of the bodies below
 * it, a directive registered in error is withdrawn (recorded) and its number released, and
 * supporting agencies are named within the same scope as the lead. Every refusal leaves the
 * log's head where it was.
 */

const TODAY = '2024-06-30';
const PROVINCE_PROGRAMME = {
  reference: '24/CTr-UBND',
  issuedOn: '2024-01-19',
  issuer: 'UBND tỉnh Hà Tĩnh',
  title: 'Chương trình công tác năm 2024 của UBND tỉnh',
};

describe('Scope of directives and tasks (end to end)', () => {
  let t: TestApp;
  let province: Province;

  const head = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;
  const register = (who: UserName, body: Record<string, unknown>) =>
    t.http.post('/api/directives').set(province.headers(who)).send(body);
  const withdraw = (who: UserName, id: string, reason = 'Nhập nhầm văn bản của cơ quan khác') =>
    t.http.post(`/api/directives/${id}/withdrawal`).set(province.headers(who)).send({ reason });
  const assign = (who: UserName, directiveId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/directives/${directiveId}/tasks`)
      .set(province.headers(who))
      .send({ occurredOn: TODAY, deadline: '2024-12-31', ...body });

  /** A refusal with this status and code, a Vietnamese message, and no event written. */
  async function expectRefused(
    request: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
    code: string,
    messageVi?: RegExp,
  ) {
    const before = await head();
    const response = await request();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.messageVi).toMatch(messageVi ?? /[ạảấầẩậắằẳặđếềểệịọỏốồổộớờởợụủứừửự]/);
    expect(await head()).toBe(before);
    return response;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2024-06-30T03:00:00Z' });
    province = await seedProvince(t);
  });
  afterAll(() => t.close());

  describe('the issuer of a directive', () => {
    it("refuses a department leader entering the province's document, and the province's own entry then succeeds", async () => {
      await expectRefused(
        () => register('leaderTTTT', PROVINCE_PROGRAMME),
        403,
        'forbidden',
        /^Cơ quan ban hành «UBND tỉnh Hà Tĩnh» không thuộc phạm vi/,
      );
      // However it is spelled: case, spacing, or the agency's code.
      for (const issuer of ['  ubnd TỈNH   hà tĩnh', 'UBND-TINH']) {
        await expectRefused(
          () => register('leaderTTTT', { ...PROVINCE_PROGRAMME, issuer }),
          403,
          'forbidden',
        );
      }
      const own = await register('tracker', PROVINCE_PROGRAMME).expect(201);
      expect(own.body).toMatchObject({ issuer: 'UBND tỉnh Hà Tĩnh', assigningAgency: 'UBND-TINH' });
    });

    it('refuses a department entering a sibling department’s document', async () => {
      await expectRefused(
        () =>
          register('leaderTTTT', {
            reference: '12/KH-STC',
            issuedOn: '2024-02-01',
            issuer: 'Sở Tài chính',
            title: 'Kế hoạch của Sở Tài chính',
          }),
        403,
        'forbidden',
      );
    });

    it('refuses another province entering this province’s document', async () => {
      await expectRefused(
        () => register('leaderKhac', { ...PROVINCE_PROGRAMME, reference: '25/CTr-UBND' }),
        403,
        'forbidden',
      );
    });

    it('lets a body enter its own documents, its units’ and those of bodies outside the register', async () => {
      await register('leaderTTTT', {
        reference: '45/KH-STTTT',
        issuedOn: '2024-02-01',
        issuer: 'Sở Thông tin và Truyền thông',
        title: 'Kế hoạch chuyển đổi số của Sở',
      }).expect(201);
      await register('leaderTTTT', {
        reference: '3/KH-CNTT',
        issuedOn: '2024-02-01',
        issuer: 'Phòng Công nghệ thông tin',
        title: 'Kế hoạch của Phòng',
      }).expect(201);
      await register('tracker', {
        reference: '12/KH-STC',
        issuedOn: '2024-02-01',
        issuer: 'Sở Tài chính',
        title: 'Kế hoạch của Sở Tài chính, do Văn phòng UBND tỉnh nhập',
      }).expect(201);
      await register('leaderTTTT', {
        reference: '09/CT-TTg',
        issuedOn: '2024-03-01',
        issuer: 'Thủ tướng Chính phủ',
        title: 'Chỉ thị của Thủ tướng',
      }).expect(201);
    });
  });

  describe('withdrawing a directive registered in error', () => {
    const PM_DIRECTIVE = {
      reference: '15/CT-TTg',
      issuedOn: '2024-04-01',
      issuer: 'Thủ tướng Chính phủ',
      title: 'Chỉ thị về chuyển đổi số',
    };

    it('a squatted number (an old log, from before the rule) is withdrawn and then registered by its rightful body', async () => {
      // What the old code let a department leader write: the province's number, as the province.
      const store = t.app.get<EventStore>(EVENT_STORE);
      const squatterId = '6f1c2a8e-8e0b-4d3b-9a3e-2b7e4c1d0a11';
      const command = parseDirectiveCommand({
        type: 'RegisterDirective',
        data: {
          directiveId: squatterId,
          reference: '32/KH-UBND',
          issuedOn: '2024-02-02',
          issuer: 'UBND tỉnh Hà Tĩnh',
          title: 'Kế hoạch IPv6 (nhập nhầm)',
        },
        meta: {
          actor: { userId: province.userIds.leaderTTTT, roles: ['leader'], agency: 'STTTT' },
          occurredOn: '2024-02-03',
          receivedAt: '2024-02-03T03:00:00Z',
        },
      }) as RegisterDirective;
      const events = decideDirective(command, foldDirective([]));
      if (isDomainError(events)) throw new Error(events.message);
      const reservation = directiveReservation(foldDirective(events), '2024-02-03');
      const metadata = {
        actor: province.userIds.leaderTTTT,
        actorRoles: ['leader'],
        agency: 'STTTT',
        correlationId: 'legacy-entry',
        causationId: null,
      };
      await store.appendMany([
        {
          streamId: `directive-${squatterId}`,
          events: events.map((event) => ({ ...event, metadata })),
          expectedVersion: 'no_stream',
        },
        {
          streamId: reservation.streamId,
          events: [{ ...reservation.event, metadata }],
          expectedVersion: 'no_stream',
        },
      ]);
      const rightful = {
        reference: '32/KH-UBND',
        issuedOn: '2024-02-02',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Kế hoạch chuyển đổi IPv6 trên địa bàn tỉnh',
      };
      await expectRefused(() => register('tracker', rightful), 409, 'directive_reference_taken');

      // Neither another province nor staff may withdraw it.
      await expectRefused(() => withdraw('leaderKhac', squatterId), 403, 'forbidden');
      await expectRefused(() => withdraw('staffTTTT', squatterId), 403, 'forbidden');
      await expectRefused(() => withdraw('auditor', squatterId), 403, 'forbidden');

      const withdrawn = await withdraw('tracker', squatterId).expect(200);
      expect(withdrawn.body).toMatchObject({
        status: 'withdrawn',
        withdrawnReason: 'Nhập nhầm văn bản của cơ quan khác',
      });
      // Recorded, not erased: the directive and its history remain.
      const kept = await t.http
        .get(`/api/directives/${squatterId}`)
        .set(province.headers('leader'))
        .expect(200);
      expect(kept.body).toMatchObject({ status: 'withdrawn', title: 'Kế hoạch IPv6 (nhập nhầm)' });
      const listed = await t.http
        .get(`/api/directives?minPosition=${withdrawn.body.position}&q=IPv6`)
        .set(province.headers('leader'))
        .expect(200);
      expect(listed.body.items.find((d: { id: string }) => d.id === squatterId)).toMatchObject({
        status: 'withdrawn',
      });

      const registered = await register('tracker', rightful).expect(201);
      expect(registered.body).toMatchObject({ status: 'active', assigningAgency: 'UBND-TINH' });
      // Once taken again, the number is refused as before.
      await expectRefused(
        () => register('leader', { ...rightful, title: 'Lần nữa' }),
        409,
        'directive_reference_taken',
      );
      // A withdrawn directive takes no more commands.
      await expectRefused(() => withdraw('tracker', squatterId), 422, 'directive_withdrawn');
      await expectRefused(
        () => assign('tracker', squatterId, { title: 'Việc', leadAgency: 'STTTT' }),
        422,
        'directive_withdrawn',
      );
    });

    it('is refused while the directive has tasks not cancelled, and allowed once they are', async () => {
      const entered = await register('leaderTTTT', PM_DIRECTIVE).expect(201);
      const id = entered.body.id as string;
      const task = await assign('leaderTTTT', id, {
        title: 'Triển khai chỉ thị',
        leadAgency: 'PHONG-CNTT',
      }).expect(201);
      await expectRefused(
        () => withdraw('leaderTTTT', id),
        422,
        'directive_has_tasks',
        /còn 1 nhiệm vụ chưa bị hủy/,
      );
      await t.http
        .post(`/api/tasks/${task.body.tasks[0].id}/cancel`)
        .set(province.headers('leaderTTTT'))
        .send({ reason: 'Giao nhầm', occurredOn: TODAY })
        .expect(200);
      await withdraw('leaderTTTT', id).expect(200);
      // The province, which receives the same directive, may now enter it for itself.
      await register('tracker', PM_DIRECTIVE).expect(201);
    });

    it('needs a reason', async () => {
      const entered = await register('leaderTTTT', {
        ...PM_DIRECTIVE,
        reference: '16/CT-TTg',
      }).expect(201);
      await expectRefused(
        () =>
          t.http
            .post(`/api/directives/${entered.body.id}/withdrawal`)
            .set(province.headers('leaderTTTT'))
            .send({}),
        400,
        'validation_failed',
      );
    });
  });

  describe('supporting agencies', () => {
    let directiveId = '';
    beforeAll(async () => {
      const entered = await register('leaderTTTT', {
        reference: '50/KH-STTTT',
        issuedOn: '2024-02-01',
        issuer: 'Sở Thông tin và Truyền thông',
        title: 'Kế hoạch nâng cấp hạ tầng',
      }).expect(201);
      directiveId = entered.body.id;
    });

    it('a department may not name an agency outside its line as a supporter; the agency then sees nothing', async () => {
      for (const outside of ['STC', 'UBND-TINH', 'SO-X']) {
        await expectRefused(
          () =>
            assign('leaderTTTT', directiveId, {
              title: 'Nâng cấp trung tâm dữ liệu',
              leadAgency: 'PHONG-CNTT',
              supportAgencies: ['STTTT', outside],
            }),
          403,
          'forbidden',
          new RegExp(`đơn vị phối hợp ${outside} không thuộc phạm vi`),
        );
      }
      const seen = await t.http.get('/api/tasks').set(province.headers('staffTC')).expect(200);
      expect(seen.body.items).toEqual([]);
    });

    it('names supporters within its line, and keeps them there on reassignment', async () => {
      const created = await assign('leaderTTTT', directiveId, {
        title: 'Nâng cấp trung tâm dữ liệu',
        leadAgency: 'PHONG-CNTT',
        supportAgencies: ['STTTT'],
      }).expect(201);
      const taskId = created.body.tasks[0].id as string;
      const reassign = (supportAgencies: string[]) =>
        t.http.post(`/api/tasks/${taskId}/reassign`).set(province.headers('leaderTTTT')).send({
          leadAgency: 'STTTT',
          supportAgencies,
          reason: 'Sở trực tiếp chủ trì',
          occurredOn: TODAY,
        });
      await expectRefused(
        () => reassign(['PHONG-CNTT', 'STC']),
        403,
        'forbidden',
        /đơn vị phối hợp STC/,
      );
      await reassign(['PHONG-CNTT']).expect(200);
    });

    it('the province names any of its departments as supporters', async () => {
      const entered = await register('tracker', {
        reference: '60/KH-UBND',
        issuedOn: '2024-02-01',
        issuer: 'UBND tỉnh Hà Tĩnh',
        title: 'Kế hoạch liên ngành',
      }).expect(201);
      await assign('tracker', entered.body.id, {
        title: 'Việc liên ngành',
        leadAgency: 'STTTT',
        supportAgencies: ['STC', 'SKHDT'],
      }).expect(201);
      await expectRefused(
        () =>
          assign('tracker', entered.body.id, {
            title: 'Việc cho tỉnh khác',
            leadAgency: 'STTTT',
            supportAgencies: ['SO-X'],
          }),
        403,
        'forbidden',
      );
    });
  });
});
