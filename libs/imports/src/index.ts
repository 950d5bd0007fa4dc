/** Taking in the lists offices already keep (issue 19). */
export * from './sheets/sheet';
export * from './sheets/read-spreadsheet';
export * from './sheets/zip-directory';
export * from './rows/import-problem';
export * from './rows/find-header';
export * from './rows/read-task-row';
export * from './rows/read-import-sheet';
export * from './commit/import-ids';
export * from './commit/plan-import';
export * from './rows/manual-mapping';
export * from './read-import-file';
export * from './commit/commit-writes';
export * from './session/import-ports';
export * from './session/import-view';
export * from './session/import-session';
export * from './sample/messy-sample';
export * from './commit/write-channel';
