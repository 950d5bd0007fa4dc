import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
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
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { CREDENTIAL_STORE } from './credential-store.provider';
import { LoginLockService } from './login-lock.service';
import { LoginThrottle } from './login-throttle';
import { HasherBusyError, verifyAgainstDummy, verifyPassword } from './password-hasher';
import { Public } from './public.decorator';
import { TokenService, unauthenticated, type IssuedTokens } from './token.service';
import { LoginDto, RefreshDto } from './users.dto';
import { toUserView, type UserView } from './user.view';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
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
    summary: 'Exchange username and password for an access token and a refresh token',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IssuedTokens & { user: UserView }> {
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
    return { ...(await this.tokens.issue(user.userId)), user: toUserView(user) };
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
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  async refresh(@Body() body: RefreshDto): Promise<IssuedTokens> {
    const userId = await this.tokens.verifyRefresh(body.refreshToken);
    const user = this.directory.users.get(userId);
    if (!user || !user.active) {
      throw unauthenticated(
        'The account is disabled or gone.',
        'Tài khoản đã bị khóa hoặc không còn tồn tại.',
      );
    }
    return this.tokens.issue(userId);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated user' })
  me(@Ctx() ctx: RequestContext): UserView {
    return toUserView(this.directory.users.get(ctx.actor.userId)!);
  }
}

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
