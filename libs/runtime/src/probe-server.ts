import * as http from 'node:http';
import { scrapeMetrics, type MetricsEndpoint } from '@chidao/observability';
import type { Readiness } from '@chidao/workers';

/** What `ready` resolves to: `status` decides the answer (200 only when `ready`). */
export interface ReadinessReport extends Record<string, unknown> {
  readonly status: Readiness;
}

/**
 * Kubernetes probes over plain node:http for the processes without an HTTP API (projector,
 * reporting): GET /health (the process answers) and GET /ready: 200 when `ready` resolves with
 * status `ready`, 503 when it says `degraded` or `failed` (a worker retrying or given up, see
 * @chidao/workers' readiness) or rejects (a store does not answer); the details are in the body
 * either way. GET /metrics: Prometheus text from `metrics` (a bearer token when it has one).
 * Anything else is 404; nothing here changes state.
 */
export async function startProbeServer(
  port: number,
  ready: () => Promise<ReadinessReport>,
  metrics?: MetricsEndpoint,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    const url = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { code: 'method_not_allowed', message: 'Only GET.', messageVi: 'Chỉ nhận GET.' });
    } else if (url === '/health') {
      send(200, { status: 'ok' });
    } else if (url === '/ready') {
      ready().then(
        (report) => send(report.status === 'ready' ? 200 : 503, report),
        (error: unknown) =>
          send(503, {
            code: 'store_unavailable',
            message: `A store does not answer: ${error instanceof Error ? error.message : String(error)}`,
            messageVi: 'Không kết nối được kho dữ liệu.',
          }),
      );
    } else if (url === '/metrics' && metrics) {
      scrapeMetrics(metrics, request.headers.authorization).then(
        (answer) => {
          response.writeHead(answer.status, answer.headers);
          response.end(answer.body);
        },
        (error: unknown) =>
          send(500, {
            code: 'metrics_failed',
            message: `The metrics could not be read: ${error instanceof Error ? error.message : String(error)}`,
            messageVi: 'Không đọc được số liệu giám sát.',
          }),
      );
    } else {
      const paths = metrics ? '/health, /ready or /metrics' : '/health or /ready';
      send(404, { code: 'not_found', message: `GET ${paths}.`, messageVi: 'Không có.' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
