/**
 * The HTTP contract of the server's /api, complete, as zod schemas: the server validates
 * requests with them and the client parses responses with them; both take their types from
 * here (z.infer). Errors always have the shape of `apiErrorSchema`. One file per route family:
 *
 *   common.ts             errors, issues, Idempotency-Key, health, auth, connection
 *   validate.ts           POST /api/validate, and the pipeline request send and arm share
 *   sends.ts              /api/sends
 *   designs.ts            /api/designs
 *   activity.ts           /api/activity (design and connection changes, who did them)
 *   sessions.ts           /api/sessions (Bot Connector sessions, their timeline, armed replies)
 *   testConversations.ts  /api/test-conversations
 *   sandbox.ts            /api/sandbox/faults (sandbox mode only)
 */
export * from './common.ts';
export * from './validate.ts';
export * from './sends.ts';
export * from './designs.ts';
export * from './activity.ts';
export * from './sessions.ts';
export * from './testConversations.ts';
export * from './sandbox.ts';
