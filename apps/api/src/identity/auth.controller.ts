import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { UserState } from '@chidao/domain';
import type { CredentialStore } from '@chidao/runtime';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { CREDENTIAL_STORE } from './credential-store.provider';
import { verifyPassword } from './password-hasher';
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
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange username and password for an access token and a refresh token',
  })
  async login(@Body() body: LoginDto): Promise<IssuedTokens & { user: UserView }> {
    let user = this.directory.users.findByUsername(body.username);
    if (!user) {
      // Perhaps created through another API instance a moment ago.
      await this.directory.catchUp();
      user = this.directory.users.findByUsername(body.username);
    }
    // Same answer for an unknown user and a wrong password: names are not to be probed.
    const valid = user ? await this.passwordMatches(user, body.password) : false;
    if (!user || !valid) {
      throw unauthenticated('Wrong username or password.', 'Sai tên đăng nhập hoặc mật khẩu.');
    }
    if (!user.active) throw unauthenticated('The account is disabled.', 'Tài khoản đã bị khóa.');
    return { ...(await this.tokens.issue(user.userId)), user: toUserView(user) };
  }

  /** Against the hash the credential store keeps under the id the user's last UserPasswordSet names. */
  private async passwordMatches(user: UserState, password: string): Promise<boolean> {
    if (user.credentialId === null) return false;
    const credential = await this.credentials.get(user.credentialId);
    if (!credential || credential.userId !== user.userId) return false;
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
