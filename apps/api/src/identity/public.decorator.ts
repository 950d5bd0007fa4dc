import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'chidao:isPublic';

/** Marks a route that answers without a token (login, health, readiness). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
