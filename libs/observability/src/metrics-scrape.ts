import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';

/** What `/metrics` serves, and the bearer token it asks for (CHIDAO_METRICS_TOKEN; null: open). */
export interface MetricsEndpoint {
  readonly registry: Registry;
  readonly token: string | null;
}

export interface ScrapeAnswer {
  readonly status: 200 | 401;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The answer to `GET /metrics`, the same in every process: the Prometheus text format, or 401
 * when a token is set and the request does not carry it as `Authorization: Bearer <token>`.
 */
export async function scrapeMetrics(
  endpoint: MetricsEndpoint,
  authorization: string | undefined,
): Promise<ScrapeAnswer> {
  if (endpoint.token !== null && !carriesToken(authorization, endpoint.token)) {
    return {
      status: 401,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'Bearer realm="metrics"',
      },
      body: JSON.stringify({
        code: 'unauthenticated',
        message: 'Send "Authorization: Bearer <CHIDAO_METRICS_TOKEN>" to read the metrics.',
        messageVi: 'Cần mã truy cập để đọc số liệu giám sát.',
      }),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': endpoint.registry.contentType },
    body: await endpoint.registry.metrics(),
  };
}

function carriesToken(authorization: string | undefined, token: string): boolean {
  const [scheme, given] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !given) return false;
  // Digests have the same length whatever was sent: the comparison takes the same time.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}
