import { Module } from '@nestjs/common';
import { ImportAccessGuard } from './import-access.guard';
import { importFileStoreProvider } from './import-file-store.provider';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  controllers: [ImportsController],
  providers: [ImportAccessGuard, ImportsService, importFileStoreProvider],
})
export class ImportsModule {}
