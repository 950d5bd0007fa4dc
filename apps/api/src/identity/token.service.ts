import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ensurePrivateDir, tightenPrivateFile } from '@chidao/event-store';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const ISSUER = 'chidao';

/** What login and refresh hand out; the refresh token goes into a cookie or the body. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  sessionId: string;
}

/** The session a pair of tokens belongs to, as the session store keeps it. */
export interface SessionClaims {
  readonly userId: string;
  readonly sessionId: string;
  /** The user's session epoch when the session began (user.state.ts). */
  readonly epoch: number;
}

/** A refresh token names the generation of its session it was issued at. */
export interface RefreshClaims extends SessionClaims {
  readonly generation: number;
}

/** Who a verified token speaks for: a Chidao session, or an external username to look up. */
export type TokenSubject =
  ({ kind: 'user' } & SessionClaims) | { kind: 'external'; username: string };

export const unauthenticated = (message: string, messageVi: string) =>
  new UnauthorizedException(apiError('unauthenticated', message, messageVi));

/**
 * Chidao's own short-lived access tokens and refresh tokens (HS256), and, where a deployment
 * has an OpenID Connect provider, its tokens verified against the provider's JWKS.
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = new TextEncoder().encode(config.jwtSecret ?? loadOrCreateSecret(config.dataDir));
    this.jwks = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : null;
  }

  /** An access token and the session's refresh token at `generation`, valid until `refreshUntil`. */
  async issue(
    session: SessionClaims,
    generation: number,
    refreshUntil: Date,
  ): Promise<IssuedTokens> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const sign = (claims: Record<string, unknown>, expiresAt: number) =>
      new SignJWT({ ...claims, sid: session.sessionId, sep: session.epoch })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setSubject(session.userId)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .sign(this.secret);
    return {
      accessToken: await sign({ typ: 'access' }, now + this.config.accessTokenTtlSeconds),
      refreshToken: await sign(
        { typ: 'refresh', gen: generation },
        Math.floor(refreshUntil.getTime() / 1000),
      ),
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
      sessionId: session.sessionId,
    };
  }

  /** Verifies a bearer token; throws 401 with a reason a user can act on. */
  async verifyAccess(token: string): Promise<TokenSubject> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The token is malformed.', 'Mã đăng nhập không hợp lệ.');
    }
    if (algorithm === 'HS256') {
      const payload = await this.verifyOwn(token);
      if (payload.typ !== 'access') {
        throw unauthenticated(
          'A refresh token cannot be used to call the API.',
          'Không dùng mã làm mới để gọi API.',
        );
      }
      return { kind: 'user', ...sessionClaimsOf(payload) };
    }
    if (!this.jwks || !this.config.oidc) {
      throw unauthenticated(
        'The token is not signed by Chidao.',
        'Mã đăng nhập không do Chidao cấp.',
      );
    }
    const { issuer, audience, usernameClaim } = this.config.oidc;
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        ...(issuer ? { issuer } : {}),
        ...(audience ? { audience } : {}),
        currentDate: this.clock.now(),
      });
      const username = payload[usernameClaim];
      if (typeof username !== 'string' || !username) {
        throw unauthenticated(
          `The token has no "${usernameClaim}" claim.`,
          'Mã đăng nhập thiếu tên người dùng.',
        );
      }
      return { kind: 'external', username };
    } catch (error) {
      if (error instanceof UnauthorizedException) throw error;
      throw unauthenticated(
        `The identity provider's token was refused: ${(error as Error).message}`,
        'Mã đăng nhập từ hệ thống xác thực không hợp lệ hoặc đã hết hạn.',
      );
    }
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    const payload = await this.verifyOwn(token);
    if (payload.typ !== 'refresh' || !Number.isInteger(payload.gen)) {
      throw unauthenticated(
        'This is not a refresh token.',
        'Đây không phải mã làm mới phiên đăng nhập.',
      );
    }
    return { ...sessionClaimsOf(payload), generation: payload.gen as number };
  }

  /** The session a token of ours names, expired or not (logout needs no live token). */
  async sessionOf(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(0),
      });
      return payload.sub ? sessionClaimsOf(payload) : null;
    } catch {
      return null;
    }
  }

  private async verifyOwn(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (!payload.sub) throw new Error('no subject');
      return payload;
    } catch {
      throw unauthenticated(
        'The token is invalid or has expired; log in again.',
        'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại.',
      );
    }
  }
}

/**
 * Tokens issued before sessions existed name none: they are refused, and their holders log in
 * again (an access token lived 15 minutes; a refresh token must not outlive the upgrade).
 */
function sessionClaimsOf(payload: JWTPayload): SessionClaims {
  const { sid, sep } = payload;
  if (typeof sid !== 'string' || !Number.isInteger(sep)) {
    throw unauthenticated(
      'The token belongs to no session; log in again.',
      'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại.',
    );
  }
  return { userId: payload.sub!, sessionId: sid, epoch: sep as number };
}

/** One secret per data directory, so tokens survive a restart without configuration. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  ensurePrivateDir(dataDir);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    tightenPrivateFile(file);
    return existing;
  } catch {
    const secret = randomBytes(48).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
