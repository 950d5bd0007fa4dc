export * from './integrity/log-anchor';
export * from './integrity/anchor-store.port';
export * from './integrity/sqlite-anchor-store';
export * from './integrity/anchor-daily';
export * from './integrity/verify-integrity';
export * from './integrity/anchor-paper';
