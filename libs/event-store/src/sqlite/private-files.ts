import * as fs from 'node:fs';

/**
 * The data directory holds every agency's tasks, every user's identity and, in logs written
 * before credentials left the log, password hashes: only the account Chidao runs as may read it.
 * Modes are set with chmod after creating, so the process's umask does not decide them.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and missing parents) owner-only, and tightens it if it exists. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  restrictMode(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates a SQLite file owner-only before SQLite opens it, and tightens its WAL and shared-memory
 * files if they are left from an earlier run. SQLite gives the -wal and -shm files it creates the
 * main file's mode, so they follow.
 */
export function preparePrivateSqliteFile(file: string): void {
  if (file === '' || file === ':memory:') return;
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const each of [file, `${file}-wal`, `${file}-shm`]) restrictMode(each, PRIVATE_FILE_MODE);
}

/** Tightens a file of the data directory an earlier version left readable by others. */
export function tightenPrivateFile(file: string): void {
  restrictMode(file, PRIVATE_FILE_MODE);
}

/**
 * Files and directories of another account (a volume mounted by root, say) are left as the
 * operator arranged them: chmod would fail, and they are not Chidao's to change.
 */
function restrictMode(target: string, mode: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((stat.mode & 0o777) === mode) return;
  if (process.getuid !== undefined && stat.uid !== process.getuid()) return;
  fs.chmodSync(target, mode);
}
