export * from './genesys.ts';
export * from './design.ts';
export * from './limits.ts';
export * from './channels.ts';
export * from './issues.ts';
export * from './compile.ts';
export * from './tree.ts';
export * from './api.ts';
