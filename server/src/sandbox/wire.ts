/**
 * Wire helpers of the sandbox: Genesys ErrorBody, guest error frames, and the Bot Connector
 * reply rules that the zod schemas alone do not carry. The sandbox checks replies with these
 * on its own, not with the designer's validator (shared/src/rules), so a mistake there cannot
 * hide itself: the sections "Normalized message format", "POST {base}/messages", "Errors"
 * and "Platform API errors and rate limits" of ../shared/reference/genesys-messaging.md.
 */
import type { ErrorBody, GuestFrame, ReplyMessage } from '@grmd/shared';
import { CAROUSEL_MAX_CARDS, CAROUSEL_MIN_CARDS, GUEST_ERROR_CODES } from '@grmd/shared';

export function errorBody(
  status: number,
  code: string,
  message: string,
  contextId: string,
  extra: Partial<ErrorBody> = {},
): ErrorBody {
  return { message, code, status, contextId, details: [], errors: [], ...extra };
}

/** A 400 ErrorBody naming every invalid field (the first one in `message`). */
export function validationErrorBody(list: readonly { path: string; message: string }[], contextId: string): ErrorBody {
  const first = list[0];
  const message = first ? `Invalid request body: ${first.path || '(body)'}: ${first.message}` : 'Invalid request body';
  return errorBody(400, 'bad.request', message, contextId, {
    messageWithParams: 'Invalid request body: {fieldName}: {reason}',
    messageParams: first ? { fieldName: first.path, reason: first.message } : undefined,
    details: list.map((l) => ({ errorCode: 'invalid.value', fieldName: l.path || '(body)' })),
  });
}

/**
 * Reply rules beyond the schema (the message envelope, Attachment and Text, and the bot's
 * reply in genesys-messaging.md): rich content goes in Structured, an Attachment in a Text
 * message and alone, a Text message carries text, a carousel holds 1 to 10 cards.
 */
export function replyMessageIssues(messages: readonly ReplyMessage[], base = 'replyMessages'): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  messages.forEach((m, i) => {
    const at = `${base}[${i}]`;
    const content = m.content ?? [];
    const attachments = content.filter((c) => c.contentType === 'Attachment').length;
    if (m.type === 'Text') {
      if (content.some((c) => c.contentType !== 'Attachment')) {
        issues.push({ path: `${at}.type`, message: 'Rich content (Card, Carousel, QuickReply) needs "type": "Structured"' });
      }
      if (!content.length && (m.text === undefined || m.text === '')) {
        issues.push({ path: `${at}.text`, message: 'A Text message needs text' });
      }
    } else {
      if (attachments) issues.push({ path: `${at}.type`, message: 'An Attachment goes in a "type": "Text" message' });
      if (!content.length && !m.text) issues.push({ path: `${at}.content`, message: 'A Structured message needs content' });
    }
    if (attachments > 1) issues.push({ path: `${at}.content`, message: 'Only one Attachment is allowed per message' });
    content.forEach((c, j) => {
      if (c.contentType !== 'Carousel') return;
      const cards = c.carousel.cards;
      const cp = `${at}.content[${j}].carousel.cards`;
      // At most 10 cards (genesys-messaging.md, "Limits"); an empty carousel has nothing to show.
      if (cards.length > CAROUSEL_MAX_CARDS) issues.push({ path: cp, message: `A carousel holds at most ${CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS); got ${cards.length}` });
      if (cards.length < CAROUSEL_MIN_CARDS) issues.push({ path: cp, message: 'A carousel needs at least one card' });
      // No uniqueness check of Postback payloads: the Resource Center asks for unique ones,
      // but Genesys' own Carousel example (../shared/reference/dbc-v2-spec/Carousel.json)
      // repeats one, and the sandbox may be no stricter than Genesys. The designer warns.
    });
  });
  return issues;
}

export const GUEST_ERROR_BODIES = {
  [GUEST_ERROR_CODES.SessionHasExpired]: 'session expired error message',
  [GUEST_ERROR_CODES.SessionNotFound]: 'session not found error message',
  [GUEST_ERROR_CODES.MessageTooLong]: 'message too long',
  [GUEST_ERROR_CODES.CustomAttributeSizeTooLarge]: 'Custom Attributes in channel metadata is larger than 2048 bytes',
  [GUEST_ERROR_CODES.UnexpectedError]: 'Request failed.',
} as Record<number, string>;

/** A Guest API error frame: {"type":"response","class":"string","code":n,"body":"<text>"}. */
export function guestErrorFrame(code: number, body?: string): GuestFrame {
  return { type: 'response', class: 'string', code, body: body ?? GUEST_ERROR_BODIES[code] ?? 'Request failed.' };
}

export function tooManyRequestsFrame(retryAfter: number): GuestFrame {
  return {
    type: 'response',
    class: 'TooManyRequestsErrorMessage',
    code: 429,
    body: { retryAfter, errorCode: GUEST_ERROR_CODES.RequestRateTooHigh, errorMessage: 'Message rate too high for this session' },
  };
}
