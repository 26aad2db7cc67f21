export * from './sandbox.ts';
export * from './types.ts';
export { SANDBOX_DEFAULTS, TOKEN_LIFETIME_RANGE, type SandboxOptions } from './state.ts';
export { faultRuleSchema } from './faults.ts';
export { originAllowed } from './guest.ts';
export { toInputMessage } from './flow.ts';
export { errorBody, replyMessageIssues, guestErrorFrame, tooManyRequestsFrame } from './wire.ts';
