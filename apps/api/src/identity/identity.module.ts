import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { credentialStoreProvider } from './credential-store.provider';
import { LoginLockService } from './login-lock.service';
import { LoginSessionsService } from './login-sessions.service';
import { sessionStoreProvider } from './session-store.provider';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { ChangeUserContactHandler, CreateUserHandler, UpdateUserHandler } from './user.handlers';
import { UsersController } from './users.controller';

@Module({
  imports: [CqrsModule],
  controllers: [AuthController, UsersController],
  providers: [
    TokenService,
    LoginThrottle,
    LoginLockService,
    LoginSessionsService,
    credentialStoreProvider,
    sessionStoreProvider,
    CreateUserHandler,
    UpdateUserHandler,
    ChangeUserContactHandler,
    BootstrapAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class IdentityModule {}
