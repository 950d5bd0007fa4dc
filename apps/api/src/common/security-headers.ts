import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The web app (apps/web/dist) loads only its own files: one module script, its chunks and one
 * stylesheet from /assets, and calls /api on the same origin. It has no inline script or style
 * element; React and recharts set styles through the DOM (element.style), which CSP allows.
 */
const APP_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // helmet's default would rewrite http:// to https:// and break a plain-HTTP deployment.
  'upgrade-insecure-requests': null,
};

/**
 * Swagger UI (/docs) ships its page with inline <style> blocks and draws icons from data: URIs;
 * its scripts are files. Only its pages get 'unsafe-inline' styles, never the app's.
 */
const DOCS_CSP = { ...APP_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

const isDocsPath = (urlPath: string): boolean =>
  urlPath === '/docs' || urlPath.startsWith('/docs/');

/** One year, subdomains included: what a browser remembers once it has seen Chidao over TLS. */
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (API, web app, docs): CSP, frame denial, nosniff, no
 * referrer leaks and no `X-Powered-By`. Call before any route or static file is registered:
 * Express runs middleware in the order it was added.
 *
 * HSTS is sent only over TLS: Chidao listens on plain HTTP behind a TLS-terminating proxy, so it
 * cannot see TLS itself. `behindTls` (CHIDAO_BEHIND_TLS=true) says the deployment is reached
 * only through https; a request Express sees as secure gets it too. Sending HSTS from a
 * plain-HTTP deployment would lock browsers out of it for a year.
 */
export function applySecurityHeaders(app: INestApplication, behindTls: boolean): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  const common = {
    strictTransportSecurity: false,
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const forApp = helmet({ ...common, contentSecurityPolicy: { directives: APP_CSP } });
  const forDocs = helmet({ ...common, contentSecurityPolicy: { directives: DOCS_CSP } });
  express.use((request: Request, response: Response, next: NextFunction) => {
    if (behindTls || request.secure) response.setHeader('Strict-Transport-Security', HSTS_VALUE);
    (isDocsPath(request.path) ? forDocs : forApp)(request, response, next);
  });
}
