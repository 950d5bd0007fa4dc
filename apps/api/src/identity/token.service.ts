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

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Who a verified token speaks for: a Chidao user id, or an external username to look up. */
type TokenSubject = { kind: 'user'; userId: string } | { kind: 'external'; username: string };

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

  async issue(userId: string): Promise<IssuedTokens> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const sign = (typ: string, ttl: number) =>
      new SignJWT({ typ })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .sign(this.secret);
    return {
      accessToken: await sign('access', this.config.accessTokenTtlSeconds),
      refreshToken: await sign('refresh', this.config.refreshTokenTtlSeconds),
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
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
      return { kind: 'user', userId: payload.sub! };
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

  async verifyRefresh(token: string): Promise<string> {
    const payload = await this.verifyOwn(token);
    if (payload.typ !== 'refresh') {
      throw unauthenticated(
        'This is not a refresh token.',
        'Đây không phải mã làm mới phiên đăng nhập.',
      );
    }
    return payload.sub!;
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
