import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';

interface CreateAppOptions {
  clock?: Clock;
  logger?: LogLevel[] | false;
}

/** The whole API, configured the same way for `npm start` and for the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, options.clock), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: true,
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Chidao API')
      .setDescription(
        'Theo dõi nhiệm vụ được giao — commands, queries and identity. Errors are `{ code, message, messageVi, details? }`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
