/* The database schema, one file per domain; migrations are generated from all of them. */
export * from './accounts';
export * from './unions';
export * from './members';
export * from './merchants';
export * from './vouchers';
export * from './lottery';
export * from './platform';
export * from './wishes';
export * from './notices';
export * from './activities';
export * from './feedback';
export * from './campaigns';
export * from './hardship';
export * from './pledges';
