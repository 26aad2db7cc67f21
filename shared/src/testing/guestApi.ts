import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { referencePath } from './reference.ts';

/**
 * Validates values against Genesys' own Web Messaging Guest API schema
 * (`../shared/reference/web-messaging/guest-api-swagger.json`, the swagger of the official Java
 * guest SDK). Its `definitions` are JSON Schema draft 4, so ajv-draft-04 reads them as they are;
 * strict mode is off because swagger adds keywords (`format: double`, `example`, …) that are
 * not JSON Schema.
 */
export type GuestDefinition = 'StructuredMessage' | 'MessageContent' | 'ContentCardAction' | 'JwtResponse' | 'SessionResponse' | 'BaseMessage' | (string & {});

const SCHEMA_ID = 'guest-api';
let ajv: Ajv | undefined;

function instance(): Ajv {
  if (ajv) return ajv;
  const swagger = JSON.parse(readFileSync(referencePath('reference/web-messaging/guest-api-swagger.json'), 'utf8')) as {
    definitions: Record<string, unknown>;
  };
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ id: SCHEMA_ID, definitions: withNullableAsNull(swagger.definitions) as Record<string, object> }, SCHEMA_ID);
  return ajv;
}

/**
 * OpenAPI's `nullable: true` is not JSON Schema (ajv refuses it beside `allOf`, where the guest
 * schema uses it once, on `verificationType.items`): read it as "this, or null".
 */
function withNullableAsNull(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullableAsNull);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const mapped = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withNullableAsNull(v)]));
  return nullable === true ? { anyOf: [mapped, { type: 'null' }] } : mapped;
}

/** The schema's complaints about `value` as `definition`, as `path: message` lines; [] when it conforms. */
export function guestSchemaErrors(definition: GuestDefinition, value: unknown): string[] {
  const validate = instance().getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
  if (!validate) throw new Error(`guest-api-swagger.json has no definition ${definition}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Everything the schema says about one message a guest would receive. StructuredMessage only
 * constrains `content[]` as BaseMessagingContent and ContentCard leaves `actions[]` untyped, so
 * each content item is checked as MessageContent and each card action as ContentCardAction too.
 */
export function messageSchemaErrors(message: unknown): string[] {
  const errors = guestSchemaErrors('StructuredMessage', message);
  const content = isObject(message) && Array.isArray(message.content) ? message.content : [];
  content.forEach((item, i) => {
    const at = `/content/${i}`;
    errors.push(...guestSchemaErrors('MessageContent', item).map((e) => `${at}${e === '/' ? '' : e}`));
    if (!isObject(item)) return;
    const cards: Array<readonly [string, Json]> = isObject(item.card) ? [[`${at}/card`, item.card]] : [];
    if (isObject(item.carousel) && Array.isArray(item.carousel.cards)) {
      item.carousel.cards.forEach((c, j) => isObject(c) && cards.push([`${at}/carousel/cards/${j}`, c]));
    }
    for (const [cardAt, card] of cards) {
      const actions: Array<readonly [string, unknown]> = Array.isArray(card.actions) ? card.actions.map((a, k) => [`${cardAt}/actions/${k}`, a] as const) : [];
      if (card.defaultAction !== undefined) actions.push([`${cardAt}/defaultAction`, card.defaultAction]);
      for (const [actionAt, action] of actions) {
        errors.push(...guestSchemaErrors('ContentCardAction', action).map((e) => `${actionAt}${e === '/' ? '' : e}`));
      }
    }
  });
  return errors;
}
