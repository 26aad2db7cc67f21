/**
 * The one validator of sandbox fault rules, for addFault, the sandbox's own /__sandbox/faults
 * and the server's /api/sandbox/faults. It is the API contract's schema
 * (sandboxFaultRequestSchema in @grmd/shared) plus one rule the contract does not state yet:
 * a rule must do something.
 *
 * Its delayMs ceiling is the contract's 30 s: the bot response timeout Architect uses by
 * default and the sandbox's own bot timeout (genesys-messaging.md, "Digital Bot Connector" and
 * "Status codes, timeouts, retries"), and above the Genesys client's 16 s per-attempt
 * timeout (genesys/client.ts), so every timeout the project handles can be provoked.
 */
import { sandboxFaultRequestSchema, type SandboxFaultRequest } from '@grmd/shared';
import { locatedIssues } from '../lib/zodIssues.ts';

export const faultRuleSchema = sandboxFaultRequestSchema.refine((f) => f.status !== undefined || f.reset === true || Boolean(f.delayMs), {
  error: 'A fault needs status, reset or delayMs',
});

/** The rule as validated, or the first problem in words. */
export function readFault(rule: unknown): { rule: SandboxFaultRequest } | { problem: string } {
  const r = faultRuleSchema.safeParse(rule);
  if (r.success) return { rule: r.data };
  const [first] = locatedIssues(r.error);
  return { problem: `Invalid fault rule: ${first!.path ? `${first!.path}: ` : ''}${first!.message}` };
}
