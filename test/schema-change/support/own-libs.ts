/**
 * Makes `@chidao/<lib>` and `@chidao/<lib>/testing` load this checkout's libs, as jest's
 * moduleNameMapper and the tsconfig paths do. Plain Node follows node_modules/@chidao links,
 * which in a git worktree sharing another checkout's node_modules lead to that checkout's code:
 * a fixture must be written by the code of the commit it says it was.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

const LIBS = path.resolve(__dirname, '../../../libs');
const LIB_REQUEST = /^@chidao\/([a-z-]+)(\/testing)?$/;

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;

loader._resolveFilename = function (request, ...rest) {
  const match = LIB_REQUEST.exec(request);
  const target = match && path.join(LIBS, match[1], 'src', match[2] ? 'testing' : '');
  const own = target !== null && fs.existsSync(target) ? target : request;
  return resolveFilename.call(this, own, ...rest);
};
