import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { authorizeImport } from '@chidao/domain';
import { DomainException } from '../common/domain.exception';
import type { AuthenticatedRequest } from '../common/request-context';

/**
 * Who may import, decided before the upload is read (a guard runs before the interceptor that
 * takes the file): a 20 MB body from someone who may not import is never buffered.
 */
@Injectable()
export class ImportAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor) return false;
    const refusal = authorizeImport(actor);
    if (refusal) throw new DomainException(refusal);
    return true;
  }
}
