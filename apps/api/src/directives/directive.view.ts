import type { DirectiveState } from '@chidao/domain';

export type DirectiveView = DirectiveState & { id: string; version: number; position?: number };
