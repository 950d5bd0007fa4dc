import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createPinoLogger, type LogLevel } from '@chidao/observability';
import { PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { useBodyLimits } from './common/body-limits';
import type { Clock } from './common/clock';
import { NestLog } from './common/nest-log';
import { requestLoggingParams } from './common/request-logging';
import { applySecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';

interface CreateAppOptions {
  clock?: Clock;
  /** Default CHIDAO_LOG_LEVEL (config); tests pass `error` or `silent` to stay quiet. */
  logLevel?: LogLevel;
  /** Where the JSON log lines go (default stdout); tests read them here. */
  logDestination?: DestinationStream;
}

/** The whole API, configured the same way for `npm start` and for the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const logging = requestLoggingParams(
    createPinoLogger({
      service: 'api',
      level: options.logLevel ?? config.observability.logLevel,
      destination: options.logDestination,
    }),
  );
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, logging, options.clock),
    {
      // Nest's own lines (startup, errors) go through the same JSON logger from the first one.
      logger: new NestLog(new PinoLogger(logging), logging),
      // Bodies are parsed by useBodyLimits, which measures them (rawBody) against their limit.
      bodyParser: false,
      rawBody: true,
    },
  );
  // Before every route, the docs and the web app's files: Express runs them in order.
  applySecurityHeaders(app, config.behindTls);
  useBodyLimits(app);
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
