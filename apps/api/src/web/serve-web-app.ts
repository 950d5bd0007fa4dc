import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** apps/web/dist, where `npm run build:web` puts the web app. */
export const WEB_DIST_DIR = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');

// Paths the API owns: never answered with the web app, so their 404s stay JSON errors.
const API_PREFIXES = ['/api', '/docs', '/docs-json', '/health', '/ready', '/metrics'];

const isApiPath = (urlPath: string): boolean =>
  API_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));

/**
 * Serves the built web app at `/`: its files as they are, and index.html for any other GET
 * outside the API's paths, so that a reload on /tasks/… opens the same screen (SPA fallback).
 * Call before `init`/`listen`. Without a build it only logs how to make one.
 */
export function serveWebApp(app: INestApplication, distDir = WEB_DIST_DIR): boolean {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    Logger.log(`No web app at ${distDir}: run \`npm run build:web\` to serve it at /`, 'WebApp');
    return false;
  }
  const express = app as NestExpressApplication;
  // Built assets carry a content hash in their names, so browsers may keep them.
  express.useStaticAssets(path.join(distDir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '1y',
  });
  express.useStaticAssets(distDir, { index: false });
  express.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) {
      return next();
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return true;
}
