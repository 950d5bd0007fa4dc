import { ForbiddenException } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { apiError } from '../common/api-error';

/**
 * The web app keeps its refresh token where its own scripts cannot read it: an HttpOnly cookie,
 * sent only to /api/auth and never by another site. A client opts into the cookie by sending
 * `X-Chidao-Session: cookie` on login, refresh and logout; a page of another site cannot send
 * that header without a CORS preflight the API never grants, so a forged form or image cannot
 * use the cookie (CSRF). Clients that send no such header (scripts) get and send the refresh
 * token in the body instead, and no cookie.
 */
export const SESSION_COOKIE = 'chidao_refresh';
export const SESSION_MODE_HEADER = 'x-chidao-session';
const COOKIE_PATH = '/api/auth';

export const wantsCookie = (request: Request): boolean =>
  request.header(SESSION_MODE_HEADER)?.trim().toLowerCase() === 'cookie';

/** The refresh token of the cookie, for a request that asked for cookie mode from our own origin. */
export function refreshTokenFromCookie(request: Request): string | null {
  refuseCrossSite(request);
  return cookieValue(request.header('cookie'), SESSION_COOKIE);
}

/**
 * Max-Age, not an instant: the browser counts it from its own clock, so a server clock that
 * disagrees with the browser's does not make the cookie expire early or late.
 */
export function setSessionCookie(response: Response, token: string, lifetimeMs: number): void {
  response.cookie(SESSION_COOKIE, token, { ...cookieOptions(), maxAge: Math.max(0, lifetimeMs) });
}

export function clearSessionCookie(response: Response): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions());
}

// Secure always: browsers accept it over plain HTTP only from localhost, so a deployment that is
// not reached over TLS loses its sessions at each reload rather than sending the token in clear.
const cookieOptions = (): CookieOptions => ({
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
  path: COOKIE_PATH,
});

/**
 * Belt and braces beside the header: a browser names the page's origin on a POST; one whose host
 * name is not the one the request was sent to is refused before the cookie is read. Host names
 * only: a proxy passing `Host $host` (deploy/compose/nginx.conf) drops the port.
 */
function refuseCrossSite(request: Request): void {
  const origin = request.header('origin');
  if (!origin) return;
  if (hostnameOf(origin) !== hostnameOf(`http://${request.header('host') ?? ''}`)) {
    throw new ForbiddenException(
      apiError(
        'cross_site_request',
        'A page of another site cannot use the Chidao session.',
        'Trang web khác không được dùng phiên đăng nhập Chidao.',
      ),
    );
  }
}

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header; null when absent. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}
