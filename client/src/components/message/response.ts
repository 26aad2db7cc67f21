/**
 * What a customer's tap sends back to the bot: a Structured message whose text is the
 * label, holding one ButtonResponse. Postback → type Button; quick reply → type QuickReply;
 * a Link sends nothing (the client opens the url). The shape is @grmd/shared's
 * `buttonResponseSchema`, which response.test.ts checks every result against.
 */
import type { ButtonResponse, GenesysMessage } from '@grmd/shared';

export type TapResult =
  | { kind: 'sends'; label: string; message: GenesysMessage }
  | { kind: 'opens'; label: string; url: string };

export function buttonResponse(type: ButtonResponse['type'], text: string, payload: string): TapResult {
  return {
    kind: 'sends',
    label: text,
    message: {
      type: 'Structured',
      text,
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type, text, payload } }],
    },
  };
}

export function tapAction(props: Record<string, unknown>): TapResult {
  const text = typeof props.text === 'string' ? props.text : '';
  if (props.type === 'Link') return { kind: 'opens', label: text, url: typeof props.url === 'string' ? props.url : '' };
  return buttonResponse('Button', text, typeof props.payload === 'string' ? props.payload : '');
}

export function tapQuickReply(props: Record<string, unknown>): TapResult {
  const text = typeof props.text === 'string' ? props.text : '';
  return buttonResponse('QuickReply', text, typeof props.payload === 'string' ? props.payload : '');
}
