import { describeWithPostgres, dropSchema, uniqueSchema } from '@chidao/event-store/testing';
import { seedProvince, type Province } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The number a withdrawal releases is taken again on PostgreSQL too: the reservation stream's
 * expected version after a release is checked by the store, not only by SQLite's adapter.
 */
describeWithPostgres('withdrawing a directive on PostgreSQL', (url) => {
  const schema = uniqueSchema('withdraw');
  let t: TestApp;
  let province: Province;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        CHIDAO_EVENT_STORE: 'postgres',
        CHIDAO_DATABASE_URL: url,
        CHIDAO_DATABASE_SCHEMA: schema,
        CHIDAO_JWT_SECRET: 'a-secret-for-the-withdrawal-suite-0123456789',
      },
    });
    province = await seedProvince(t);
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(url, schema);
  });

  it('releases the number a department took, and the province then registers it once', async () => {
    const document = {
      reference: '09/CT-TTg',
      issuedOn: '2024-03-01',
      issuer: 'Thủ tướng Chính phủ',
      title: 'Chỉ thị của Thủ tướng',
    };
    const register = (who: 'leaderTTTT' | 'tracker' | 'leader') =>
      t.http.post('/api/directives').set(province.headers(who)).send(document);
    const taken = await register('leaderTTTT').expect(201);
    expect((await register('tracker')).status).toBe(409);
    await t.http
      .post(`/api/directives/${taken.body.id}/withdrawal`)
      .set(province.headers('tracker'))
      .send({ reason: 'Sở nhập nhầm văn bản tỉnh theo dõi' })
      .expect(200);
    await register('tracker').expect(201);
    const again = await register('leader');
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'directive_reference_taken',
    });
  });
});
