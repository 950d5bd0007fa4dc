import { DEFAULT_BODY_LIMIT, MAX_BODY_DEPTH } from '../src/common/body-limits';
import { seedProvince, type Province } from './support/province';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Bodies too large, too deep or malformed are refused in the API's error format before any
 * validation or command runs: 413 over the endpoint's limit, 400 past the nesting limit or for
 * JSON that does not parse. Nothing is appended.
 */
describe('request body limits', () => {
  let t: TestApp;
  let province: Province;

  const headPosition = async (): Promise<number> =>
    (await t.http.get('/ready').expect(200)).body.headPosition;

  const postRaw = (path: string, body: string) =>
    t.http
      .post(path)
      .set(province.headers('tracker'))
      .set('Content-Type', 'application/json')
      .send(body);

  const directive = (title: string) =>
    JSON.stringify({
      reference: '32/KH-UBND',
      issuedOn: '2024-02-02',
      issuer: 'UBND tỉnh Hà Tĩnh',
      title,
    });

  beforeAll(async () => {
    t = await startTestApp();
    province = await seedProvince(t);
  });
  afterAll(() => t.close());

  it.each([
    ['200 KB', 200 * 1024],
    ['10 MB', 10 * 1024 * 1024],
  ])('answers 413 to a %s body, in the error format, and writes nothing', async (_what, size) => {
    const before = await headPosition();
    const response = await postRaw('/api/directives', directive('x'.repeat(size)));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('100 KB'),
      messageVi: expect.stringContaining('quá lớn'),
      details: { limitBytes: DEFAULT_BODY_LIMIT },
    });
    expect(await headPosition()).toBe(before);
  });

  it('answers 413 to a chunked body over the limit (no Content-Length to judge by)', async () => {
    const before = await headPosition();
    const request = t.http
      .post('/api/directives')
      .set(province.headers('tracker'))
      .set('Content-Type', 'application/json')
      .set('Transfer-Encoding', 'chunked');
    const body = directive('x'.repeat(150 * 1024));
    request.write(body.slice(0, 1000));
    request.write(body.slice(1000));
    const response = await request;
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
    expect(await headPosition()).toBe(before);
  });

  it('lets a batch of tasks past the default limit: POST /api/directives/{id}/tasks takes 1 MB', async () => {
    const registered = await postRaw('/api/directives', directive('Chương trình năm 2024'));
    expect(registered.status).toBe(201);
    const task = (n: number) => ({
      title: `Nhiệm vụ số ${n}: ${'xây dựng kế hoạch '.repeat(40)}`.slice(0, 1000),
      leadAgency: 'STTTT',
      occurredOn: '2024-02-05',
    });
    const body = JSON.stringify({ tasks: Array.from({ length: 150 }, (_, n) => task(n + 1)) });
    expect(body.length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    const response = await postRaw(`/api/directives/${registered.body.id}/tasks`, body);
    expect(response.status).toBe(201);
    expect(response.body.tasks).toHaveLength(150);
  });

  it.each([
    ['5 000 nested arrays', '['.repeat(5000) + ']'.repeat(5000)],
    ['a field nested 5 000 deep', `{"title":${'['.repeat(5000)}${']'.repeat(5000)}}`],
    [
      `${MAX_BODY_DEPTH + 1} nested objects`,
      '{"a":'.repeat(MAX_BODY_DEPTH + 1) + '1' + '}'.repeat(MAX_BODY_DEPTH + 1),
    ],
  ])('answers 400 body_too_deep to %s, and writes nothing', async (_what, body) => {
    const before = await headPosition();
    const response = await postRaw('/api/directives', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'body_too_deep',
      messageVi: expect.stringContaining('lồng nhau'),
      details: { maxDepth: MAX_BODY_DEPTH },
    });
    expect(await headPosition()).toBe(before);
  });

  it('answers 400 malformed_json to a body that is not JSON', async () => {
    const before = await headPosition();
    const response = await postRaw('/api/directives', '{"title":');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'malformed_json',
      message: 'The request body is not valid JSON.',
      messageVi: 'Dữ liệu gửi lên không đúng định dạng JSON.',
    });
    expect(await headPosition()).toBe(before);
  });
});
