import type { DirectiveState } from '@chidao/domain';

export type DirectiveView = DirectiveState & {
  id: string;
  version: number;
  position?: number;
  /** GET /:id only: the caller may withdraw it now (POST /:id/withdrawal would be accepted). */
  canWithdraw?: boolean;
};
