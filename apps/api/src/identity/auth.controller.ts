import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { UserState } from '@chidao/domain';
import type { CredentialStore } from '@chidao/runtime';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { apiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/clock';
import { Ctx, type AuthenticatedRequest, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { CREDENTIAL_STORE } from './credential-store.provider';
import { LoginLockService } from './login-lock.service';
import {
  LoginSessionsService,
  type SessionTokens,
  type SessionView,
} from './login-sessions.service';
import { LoginThrottle } from './login-throttle';
import { HasherBusyError, verifyAgainstDummy, verifyPassword } from './password-hasher';
import { Public } from './public.decorator';
import {
  clearSessionCookie,
  refreshTokenFromCookie,
  setSessionCookie,
  wantsCookie,
} from './session-cookie';
import { unauthenticated } from './token.service';
import { LoginDto, RefreshDto } from './users.dto';
import { toUserView, type UserView } from './user.view';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: LoginSessionsService,
    private readonly directory: DirectoryService,
    private readonly throttle: LoginThrottle,
    private readonly locks: LoginLockService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange username and password for an access token and a refresh token (in an HttpOnly cookie with X-Chidao-Session: cookie)',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensAnswer & { user: UserView }> {
    // req.ip is the socket's address: X-Forwarded-For is not trusted (no proxy setting exists).
    const address = req.ip ?? 'unknown';
    const account = LoginThrottle.accountKey(body.username);
    const verdict = this.throttle.attempt(account, address);
    if (!verdict.allowed) throw tooManyAttempts(res, verdict.retryAfterSeconds);
    let user = this.directory.users.findByUsername(body.username);
    if (!user) {
      // Perhaps created through another API instance a moment ago.
      await this.directory.catchUp();
      user = this.directory.users.findByUsername(body.username);
    }
    // A lock the log records outlives a restart of the API, which forgets the counts in memory.
    const lockedFor = user?.loginLockedUntil
      ? Date.parse(user.loginLockedUntil) - this.clock.now().getTime()
      : 0;
    if (lockedFor > 0) throw tooManyAttempts(res, Math.ceil(lockedFor / 1000));
    // Every failure costs one hash and gets the same answer, so that neither the time nor the
    // words tell an unknown name, a wrong password or a disabled account apart.
    let valid: boolean;
    try {
      valid = user
        ? await this.passwordMatches(user, body.password)
        : await verifyAgainstDummy(body.password);
    } catch (error) {
      if (error instanceof HasherBusyError) throw tooManyAttempts(res, 1);
      throw error;
    }
    if (!user || !valid || !user.active) {
      const lock = user && this.throttle.lockOf(account);
      if (user && lock) await this.locks.lock(user.userId, lock, address);
      throw unauthenticated('Wrong username or password.', 'Sai tên đăng nhập hoặc mật khẩu.');
    }
    this.throttle.succeeded(account, address);
    const tokens = await this.sessions.begin(user, {
      userAgent: req.header('user-agent') ?? '',
      address,
    });
    return { ...this.handOut(tokens, req, res), user: toUserView(user) };
  }

  /** The tokens as the client asked for them: the refresh token in the body, or in the cookie. */
  private handOut(tokens: SessionTokens, req: Request, res: Response): TokensAnswer {
    const { refreshToken, refreshExpiresAt, ...rest } = tokens;
    if (!wantsCookie(req)) return { ...rest, refreshToken };
    const lifetimeMs = refreshExpiresAt.getTime() - this.clock.now().getTime();
    setSessionCookie(res, refreshToken, lifetimeMs);
    return rest;
  }

  /** Against the hash the credential store keeps under the id the user's last UserPasswordSet names. */
  private async passwordMatches(user: UserState, password: string): Promise<boolean> {
    const credential =
      user.credentialId === null ? null : await this.credentials.get(user.credentialId);
    if (!credential || credential.userId !== user.userId) return verifyAgainstDummy(password);
    return verifyPassword(password, credential.passwordHash);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange a refresh token (body, or the cookie with X-Chidao-Session: cookie) for new tokens; the one presented is retired',
  })
  async refresh(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensAnswer & { user: UserView }> {
    const cookieMode = wantsCookie(req);
    const presented = cookieMode ? refreshTokenFromCookie(req) : (body.refreshToken ?? null);
    if (!presented) {
      throw unauthenticated(
        cookieMode
          ? 'No session in this browser; log in.'
          : 'Send { "refreshToken": … } or X-Chidao-Session: cookie with the session cookie.',
        'Chưa đăng nhập trên trình duyệt này; hãy đăng nhập.',
      );
    }
    try {
      const { tokens, user } = await this.sessions.refresh(presented);
      return { ...this.handOut(tokens, req, res), user: toUserView(user) };
    } catch (error) {
      // A cookie that no longer opens a session is dropped, so the browser stops sending it.
      if (cookieMode) clearSessionCookie(res);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'End this session: the one the bearer token, the session cookie or { refreshToken } names',
  })
  async logout(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const [scheme, bearer] = (req.header('authorization') ?? '').split(' ');
    const named = [
      scheme?.toLowerCase() === 'bearer' ? bearer : undefined,
      wantsCookie(req) ? refreshTokenFromCookie(req) : undefined,
      body.refreshToken,
    ];
    for (const token of named) if (token) await this.sessions.endNamedBy(token);
    if (wantsCookie(req)) clearSessionCookie(res);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End every session of the caller, on every device (recorded in the log)',
  })
  async logoutAll(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.sessions.revokeAll(ctx.actor.userId, ctx);
    if (wantsCookie(req)) clearSessionCookie(res);
  }

  @Get('sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's open sessions (where and when they logged in)" })
  listSessions(
    @Ctx() ctx: RequestContext,
    @Req() req: AuthenticatedRequest,
  ): Promise<SessionView[]> {
    return this.sessions.listOpen(
      this.directory.users.get(ctx.actor.userId)!,
      req.sessionId ?? null,
    );
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "End one of the caller's sessions (log out another device)" })
  endSession(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.sessions.endOwn(ctx.actor.userId, id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The authenticated user, with their own contact for reminders (e-mail, phone, channels)',
  })
  me(@Ctx() ctx: RequestContext): UserView {
    return toUserView(this.directory.users.get(ctx.actor.userId)!);
  }
}

/** The tokens as the client asked for them: the refresh token in the body, or in the cookie. */
type TokensAnswer = Omit<SessionTokens, 'refreshToken' | 'refreshExpiresAt'> & {
  refreshToken?: string;
};

/** 429 with Retry-After in seconds: too many failures for this account or address, or busy. */
function tooManyAttempts(res: Response, retryAfterSeconds: number): HttpException {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(
    apiError(
      'too_many_attempts',
      `Too many login attempts; try again in ${retryAfterSeconds} s.`,
      `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${retryAfterSeconds} giây.`,
    ),
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
