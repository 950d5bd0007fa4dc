import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { CreateUserCommand } from './user.commands';

const SYSTEM_ACTOR = { userId: 'system:bootstrap', roles: ['admin' as const], agency: null };

/** The first administrator, from CHIDAO_BOOTSTRAP_ADMIN, when the store has no users at all. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryService,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.directory.users.size > 0) return;
    const admin = this.config.bootstrapAdmin;
    if (!admin) {
      this.logger.warn(
        'No users yet. Restart with CHIDAO_BOOTSTRAP_ADMIN=<username>:<password> (see the password policy in docs/security.md) ' +
          'to create the first administrator, then create the other users through POST /api/users.',
      );
      return;
    }
    try {
      await this.commands.execute(
        new CreateUserCommand(
          {
            username: admin.username,
            displayName: 'Quản trị hệ thống',
            roles: ['admin'],
            agency: null,
            password: admin.password,
          },
          { actor: SYSTEM_ACTOR, correlationId: 'bootstrap', clientIp: undefined },
        ),
      );
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (error instanceof DomainException && error.error.code === 'username_taken') return;
      throw error;
    }
    this.logger.log(`Created the first administrator "${admin.username}".`);
  }
}
