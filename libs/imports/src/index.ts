/** Taking in the lists offices already keep (issue 19). */
export * from './sheets/sheet';
export * from './sheets/read-spreadsheet';
export * from './sheets/zip-directory';
