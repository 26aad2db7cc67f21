/** Every failure a send can meet, explained: what happened and what to do next. */
import type { SendError } from '@grmd/shared';

export type Explanation = { title: string; next: string };

/** A failure Genesys (or the server's call to it) reported inside a completed send. */
export function explainSendError(e: SendError, attempts = 0): Explanation {
  const code = e.code ?? '';
  if (e.kind === 'unknown-outcome') {
    return {
      title: 'The outcome is unknown: Genesys did not answer in time',
      next: 'Look at the guest view before sending again: the card may have arrived. Nothing is resent automatically.',
    };
  }
  if (e.kind === 'invalid_message' || e.kind === 'nothing_to_send' || e.kind === 'no_text_fallback') {
    return { title: 'Refused before sending: nothing left the server', next: e.message };
  }
  switch (e.status) {
    case 400:
    case 422:
      return { title: `Genesys rejected the message (${e.status}${code ? ` ${code}` : ''})`, next: `Fix what it names, then send again: ${e.message}` };
    case 401:
      return {
        title: 'Genesys refused the OAuth credentials (401)',
        next: 'Check GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET and GENESYS_REGION on the server (Connection panel shows the token status).',
      };
    case 403:
      return {
        title: 'The OAuth client lacks a permission (403)',
        next: 'Give its role integration:botconnector:send (bot sessions), or conversation:message:create / conversation:webmessaging:create (text fallback).',
      };
    case 404:
      return {
        title: 'Genesys does not know this conversation or session (404)',
        next: 'Check the id, or start a new test conversation and send to its session.',
      };
    case 409:
      if (code === 'session.already.closed') {
        return {
          title: 'The bot session is closed (409 session.already.closed)',
          next: 'The bot ended it (Complete or Failed) or the flow moved on. Start a new test conversation and send to its new session.',
        };
      }
      if (code === 'session.not.found') {
        return { title: 'The bot session has expired (409 session.not.found)', next: 'The customer must write again (or start a new test conversation) to open a session.' };
      }
      if (code === 'integration.not.active') {
        return { title: 'The Digital Bot Connector integration is not active (409)', next: 'Activate the integration in Genesys Cloud Admin → Integrations.' };
      }
      return { title: `Genesys refused the push (409${code ? ` ${code}` : ''})`, next: 'The bot id or version no longer match the session: start a new test conversation.' };
    case 429:
      return {
        title: `Rate limited by Genesys (429) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
        next: 'Wait a minute and send again; if it keeps happening, lower GENESYS_RATE_LIMIT_PER_MINUTE or raise GENESYS_MAX_429_RETRIES on the server.',
      };
    default:
      if (e.status !== undefined && e.status >= 500) {
        return { title: `Genesys failed (${e.status})`, next: 'Retried already; try again in a minute. Quote the correlation id to Genesys support if it persists.' };
      }
      return { title: e.message, next: e.hint ?? 'Try again.' };
  }
}
