export * from './guestClient.ts';
