import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import type { Options } from 'pino-http';
import type { AuthenticatedRequest } from './request-context';

const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Where middleware applied to every route (request logs, HTTP metrics) is mounted. Express
 * takes it for the request's route when no controller route matched, so it means "unmatched".
 */
export const EVERY_ROUTE = { path: '{*path}', method: RequestMethod.ALL };
export const EVERY_ROUTE_PATH = '/{*path}';

// A caller's (a proxy's) id is kept only when it cannot smuggle anything into a log line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// Probes and scrapes arrive every few seconds: logged at debug unless they fail.
const ROUTINE_PATHS = new Set(['/health', '/ready', '/metrics']);

const pathOf = (request: IncomingMessage): string =>
  ((request as AuthenticatedRequest).originalUrl ?? request.url ?? '/').split('?')[0];

/** pino-http's stand-in for a 5xx without an error says just this. */
const hasRealError = (error: Error | undefined): boolean =>
  error !== undefined && !/^failed with status code \d+$/.test(error.message);

/** The incoming X-Request-Id when sane, else a new UUID; echoed in the response. */
function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * How the API logs requests (nestjs-pino over pino-http), through the process's logger: every
 * line of a request carries `reqId`; its last line ("GET /api/tasks 200") adds the method, URL,
 * status, duration and, once authenticated, the `actor`. Never the body or the headers.
 */
export function requestLoggingParams(logger: PinoLogger): Params {
  const pinoHttp: Options = {
    logger,
    genReqId: requestIdOf,
    // Lines logged during the request get `reqId` only; the last line gets the request too.
    quietReqLogger: true,
    serializers: {
      req: (request: { method: string; url: string; remoteAddress?: string }) => ({
        method: request.method,
        url: request.url,
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // Called again when the response is logged: the guard has identified the caller by then.
    customProps: (request) => {
      const actor = (request as AuthenticatedRequest).actorLog;
      return actor ? { actor } : {};
    },
    customLogLevel: (request, response, error) => {
      // A probe told "not ready" is expected: the worker that is not has logged why already.
      if (ROUTINE_PATHS.has(pathOf(request)) && !hasRealError(error)) {
        return response.statusCode < 400 ? 'debug' : 'warn';
      }
      if (error || response.statusCode >= 500) return 'error';
      return 'info';
    },
    // pino-http makes up an Error for any 5xx; only a thrown one is worth its stack in the log.
    customErrorObject: (_request, _response, error, value: Record<string, unknown>) => {
      if (hasRealError(error)) return value;
      const { err: _made_up, ...rest } = value;
      return rest;
    },
    customSuccessMessage: (request, response) =>
      `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) =>
      `${request.method} ${pathOf(request)} ${response.statusCode} failed`,
  };
  return { pinoHttp, forRoutes: [EVERY_ROUTE] };
}
