export * from './sandbox.ts';
export { originAllowed } from './guest.ts';
export { toInputMessage } from './flow.ts';
export { errorBody, replyMessageIssues, guestErrorFrame, tooManyRequestsFrame } from './wire.ts';
