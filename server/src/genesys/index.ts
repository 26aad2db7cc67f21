export * from './errors.ts';
export * from './retry.ts';
export * from './http.ts';
export * from './tokenCache.ts';
export * from './client.ts';
