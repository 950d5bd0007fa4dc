import { createMetrics } from '@chidao/observability';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from '@chidao/workers';
import { startProbeServer } from '../src';

/** The probe server of the projector and reporting processes, on a free port. */
describe('startProbeServer /metrics', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

  async function start(
    token: string | null,
    withMetrics = true,
    readiness: Readiness = 'ready',
  ): Promise<string> {
    const metrics = createMetrics();
    metrics.countScheduledRun('reports', 'succeeded');
    const server = await startProbeServer(
      0,
      () => Promise.resolve({ status: readiness, workers: [] }),
      withMetrics ? { registry: metrics.registry, token } : undefined,
    );
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('answers /ready 200 only when ready, 503 when degraded or failed, with the details', async () => {
    for (const readiness of ['ready', 'degraded', 'failed'] as const) {
      const response = await fetch(`${await start(null, true, readiness)}/ready`);
      expect(response.status).toBe(readiness === 'ready' ? 200 : 503);
      expect(await response.json()).toEqual({ status: readiness, workers: [] });
    }
  });

  it('answers the Prometheus text format', async () => {
    const base = await start(null);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'chidao_scheduled_runs_total{scheduler="reports",outcome="succeeded"} 1',
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('asks for CHIDAO_METRICS_TOKEN when one is set', async () => {
    const token = 'probe-metrics-token-0123';
    const base = await start(token);
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthenticated' });
    const answered = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answered.status).toBe(200);
  });

  it('has no /metrics when given no registry', async () => {
    const base = await start(null, false);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
