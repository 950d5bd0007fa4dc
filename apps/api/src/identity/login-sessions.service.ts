import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { authorizeSessionRevocation, type UserState } from '@chidao/domain';
import type { LoginSession, SessionEndReason, SessionStore } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import { apiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import { SESSION_STORE } from './session-store.provider';
import {
  TokenService,
  unauthenticated,
  type IssuedTokens,
  type SessionClaims,
} from './token.service';
import { runUserCommand } from './user-command.runner';

/** Who logged in from where, as the session keeps it (shown to the user among their sessions). */
export interface LoginClient {
  readonly userAgent: string;
  readonly address: string;
}

export interface SessionTokens extends IssuedTokens {
  /** When the refresh token, and so the session unless refreshed, runs out. */
  readonly refreshExpiresAt: Date;
}

/** One of the caller's open sessions, as GET /api/auth/sessions shows it. */
export interface SessionView {
  id: string;
  startedAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string;
  address: string;
  current: boolean;
}

/** Ended or run-out sessions are kept this long (who logged in from where), then deleted. */
export const SESSION_RETENTION_MS = 30 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

const sessionEnded = () =>
  unauthenticated(
    'The session has ended (logged out, revoked, or the password, roles or agency changed); log in again.',
    'Phiên đăng nhập đã kết thúc (đã đăng xuất, bị thu hồi, hoặc mật khẩu, vai trò, đơn vị đã thay đổi); hãy đăng nhập lại.',
  );

const refreshReused = () =>
  unauthenticated(
    'This refresh token was already used: for safety the session it belongs to has ended; log in again.',
    'Mã làm mới này đã được dùng trước đó: để an toàn, phiên đăng nhập đã bị kết thúc; hãy đăng nhập lại.',
  );

/**
 * Login sessions: one per login, kept beside the log (session-store.ts). A refresh hands out a
 * new refresh token and retires the one presented; presenting a retired one again means two
 * holders (one a thief), and ends the whole session. Password, role, agency changes, disabling and
 * revocation move the user's session epoch in the log, which ends every session on every instance.
 */
@Injectable()
export class LoginSessionsService {
  private readonly logger = new Logger('LoginSessions');
  private prunedAt = 0;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly directory: DirectoryService,
    private readonly repository: AggregateRepository,
  ) {}

  /** A new session for a user whose password was just checked. */
  async begin(user: UserState, client: LoginClient): Promise<SessionTokens> {
    const now = this.clock.now();
    const session = {
      sessionId: randomUUID(),
      userId: user.userId,
      epoch: user.sessionEpoch,
      startedAt: now,
      expiresAt: this.expiryOf(now, now),
      userAgent: client.userAgent,
      address: client.address,
    };
    await this.store.start(session);
    await this.pruneNowAndThen(now);
    return this.issue(session, 0, session.expiresAt);
  }

  /** New tokens for a refresh token, which is retired; the user they are for. */
  async refresh(refreshToken: string): Promise<{ tokens: SessionTokens; user: UserState }> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const session = await this.store.get(claims.sessionId);
    const now = this.clock.now();
    if (!session || session.userId !== claims.userId || session.endedAt !== null) {
      throw sessionEnded();
    }
    if (claims.generation !== session.generation) return this.reused(session, claims.generation);
    const user = await this.userAtEpoch(claims);
    if (!user || !user.active || user.sessionEpoch !== claims.epoch) {
      await this.store.end(session.sessionId, 'superseded', now);
      throw sessionEnded();
    }
    const rotated = await this.store.rotate(
      session.sessionId,
      claims.generation,
      now,
      this.expiryOf(session.startedAt, now),
    );
    if (!rotated) {
      // Another refresh with the same token got there first: two holders again.
      const latest = await this.store.get(session.sessionId);
      if (latest && latest.endedAt === null && latest.generation !== claims.generation) {
        return this.reused(latest, claims.generation);
      }
      throw sessionEnded();
    }
    return { tokens: await this.issue(rotated, rotated.generation, rotated.expiresAt), user };
  }

  /**
   * That an access token's session is still open: same epoch as the user's, not logged out,
   * not expired. The guard asks it at every call, so a logout takes effect at once.
   */
  async checkAccess(claims: SessionClaims, user: UserState): Promise<void> {
    if (claims.epoch !== user.sessionEpoch) throw sessionEnded();
    const session = await this.store.get(claims.sessionId);
    if (!session || !isOpen(session, this.clock.now()) || session.userId !== user.userId) {
      throw sessionEnded();
    }
  }

  /** The user as the log knows them now, caught up when a token names a later epoch. */
  async userAtEpoch(claims: SessionClaims): Promise<UserState | undefined> {
    const user = this.directory.users.get(claims.userId);
    if (user && user.sessionEpoch >= claims.epoch) return user;
    // Changed, or created, through another API instance a moment ago.
    await this.directory.catchUp();
    return this.directory.users.get(claims.userId);
  }

  /** Logout: ends the session any of its tokens names, live or expired. */
  async endNamedBy(token: string): Promise<void> {
    const claims = await this.tokens.sessionOf(token);
    if (!claims) return;
    const session = await this.store.get(claims.sessionId);
    if (session?.userId === claims.userId) {
      await this.store.end(session.sessionId, 'logout', this.clock.now());
    }
  }

  /** Ends one of the caller's own sessions (404 for anyone else's, which it does not reveal). */
  async endOwn(userId: string, sessionId: string): Promise<void> {
    const session = await this.store.get(sessionId);
    if (!session || session.userId !== userId) {
      throw new NotFoundException(
        apiError(
          'session_not_found',
          'You have no such session.',
          'Không tìm thấy phiên đăng nhập này của bạn.',
        ),
      );
    }
    await this.store.end(sessionId, 'logout', this.clock.now());
  }

  /**
   * Ends every session of a user, recorded in the log (UserSessionsRevoked, by the caller): the
   * user logging out everywhere, or an administrator.
   */
  async revokeAll(userId: string, ctx: RequestContext): Promise<void> {
    const refusal = authorizeSessionRevocation(ctx.actor, userId);
    if (refusal) throw new DomainException(refusal);
    const reason: SessionEndReason = ctx.actor.userId === userId ? 'logout_all' : 'revoked';
    const meta = commandMeta(ctx, this.clock.now());
    await runUserCommand(this.repository, this.directory, userId, ctx, {
      type: 'RevokeUserSessions',
      data: {},
      meta,
    });
    // The epoch already refuses them everywhere; this marks the rows for the lists.
    await this.store.endAllOf(userId, reason, this.clock.now());
  }

  /** The user's sessions still open, newest first; `current` marks the caller's own. */
  async listOpen(user: UserState, currentSessionId: string | null): Promise<SessionView[]> {
    const sessions = await this.store.listOpen(user.userId, this.clock.now());
    return sessions
      .filter((session) => session.epoch === user.sessionEpoch)
      .map((session) => ({
        id: session.sessionId,
        startedAt: session.startedAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        userAgent: session.userAgent,
        address: session.address,
        current: session.sessionId === currentSessionId,
      }));
  }

  /**
   * Rows are only added by logins, so pruning at a login (at most hourly per instance) bounds the
   * table without a worker of its own. A failure is logged and the login goes on.
   */
  private async pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now.getTime();
    try {
      await this.store.prune(new Date(now.getTime() - SESSION_RETENTION_MS));
    } catch (error) {
      this.logger.warn(`Old login sessions not pruned: ${String(error)}`);
    }
  }

  private async reused(session: LoginSession, presented: number): Promise<never> {
    await this.store.end(session.sessionId, 'reuse', this.clock.now());
    this.logger.warn({
      msg: 'refresh token used again: session ended',
      userId: session.userId,
      sessionId: session.sessionId,
      presentedGeneration: presented,
      currentGeneration: session.generation,
    });
    throw refreshReused();
  }

  private async issue(
    session: SessionClaims,
    generation: number,
    refreshExpiresAt: Date,
  ): Promise<SessionTokens> {
    const tokens = await this.tokens.issue(session, generation, refreshExpiresAt);
    return { ...tokens, refreshExpiresAt };
  }

  /** Idle for CHIDAO_REFRESH_TOKEN_TTL, or CHIDAO_SESSION_MAX_AGE after login, whichever first. */
  private expiryOf(startedAt: Date, now: Date): Date {
    return new Date(
      Math.min(
        now.getTime() + this.config.refreshTokenTtlSeconds * 1000,
        startedAt.getTime() + this.config.sessionMaxAgeSeconds * 1000,
      ),
    );
  }
}

const isOpen = (session: LoginSession, now: Date): boolean =>
  session.endedAt === null && session.expiresAt.getTime() > now.getTime();
