export * from './sessionStore.ts';
export * from './router.ts';
