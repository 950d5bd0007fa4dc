import { Module } from '@nestjs/common';
import { ImportAccessGuard } from './import-access.guard';
import { ImportsController } from './imports.controller';

@Module({
  controllers: [ImportsController],
  providers: [ImportAccessGuard],
})
export class ImportsModule {}
