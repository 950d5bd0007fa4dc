import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { LoginSessionsService } from './login-sessions.service';
import { IS_PUBLIC } from './public.decorator';
import { TokenService, unauthenticated } from './token.service';

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public. Roles and agency come
 * from the user register at each call, and a token of ours must belong to an open session of the
 * user's current epoch, so a logout, a change or a disabled account takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly directory: DirectoryService,
    private readonly sessions: LoginSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw unauthenticated(
        'Send "Authorization: Bearer <token>"; get a token from POST /api/auth/login.',
        'Cần đăng nhập: gửi mã đăng nhập trong tiêu đề Authorization.',
      );
    }
    const subject = await this.tokens.verifyAccess(token);
    const user =
      subject.kind === 'user'
        ? await this.sessions.userAtEpoch(subject)
        : await this.externalUser(subject.username);
    if (!user) {
      throw unauthenticated(
        'The account is not known to Chidao; ask an administrator to create it.',
        'Tài khoản chưa được tạo trong Chidao; hãy liên hệ quản trị viên.',
      );
    }
    if (!user.active) {
      throw unauthenticated('The account is disabled.', 'Tài khoản đã bị khóa.');
    }
    if (subject.kind === 'user') {
      await this.sessions.checkAccess(subject, user);
      request.sessionId = subject.sessionId;
    }
    request.actor = { userId: user.userId, roles: user.roles, agency: user.agency };
    return true;
  }

  private async externalUser(username: string) {
    const user = this.directory.users.findByUsername(username);
    if (user) return user;
    // Created through another API instance a moment ago.
    await this.directory.catchUp();
    return this.directory.users.findByUsername(username);
  }
}
