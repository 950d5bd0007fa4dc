import { Global, Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller';
import { ProjectionsService } from './projections.service';
import { readModelStoreProvider } from './read-model.providers';

@Global()
@Module({
  controllers: [ProjectionsController],
  providers: [readModelStoreProvider, ProjectionsService],
  exports: [ProjectionsService],
})
export class ReadModelsModule {}
