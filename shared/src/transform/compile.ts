/**
 * compile(): design tree → the Genesys normalized message.
 *
 * The tree maps 1:1: root message props.text → `text`; each kind's children go into the
 * array KINDS names for it (message → `content[]`, carousel → `cards`, card → `actions`,
 * list picker → `sections` → `items`, date picker → `availableTimes`); each payload's keys
 * are written in the order and with the defaults KINDS declares. compile never throws and
 * never validates: a node the grammar forbids is skipped (validate() reports it), a prop of
 * the wrong type is copied as is (validate() reports it), so an invalid design still previews.
 */
import {
  ENVELOPE_EXTRA_KEYS,
  type ContentItem,
  type GenesysMessage,
} from '../model/genesys.ts';
import type { Design, DesignNode } from '../model/design.ts';
import { KINDS, canContain, isNodeKind, type KindSpec, type NodeKind } from '../model/kinds.ts';
import { bindDesign, resolveVariables } from '../model/variables.ts';

export type CompileOptions = {
  /**
   * A value map, or 'samples' for the design's sample values; placeholders without a value
   * stay as typed. Omitted = template export, every `{{name}}` left in place.
   */
  variables?: Record<string, string> | 'samples';
};

export type CompileResult = {
  message: GenesysMessage;
  /**
   * nodeId → path in the compiled message, as tree.ts nodePath writes it: a content item is
   * its payload (`content[0].card`), nested nodes their array entry
   * (`content[0].carousel.cards[2].actions[1]`); the root is ''.
   */
  paths: Record<string, string>;
};

/** Kept exported from here for importers of this module; the switch lives in limits.ts. */

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Empty optional values are "not set": undefined, null, '' and objects left empty. */
function cleanValue(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') continue; // never a Genesys field; assigning it would swap the prototype
      const c = cleanValue(x);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return v;
}

/**
 * Copies `key` from props. A key in `required` always appears (its default when unset, so
 * the output keeps the wire shape); an optional key appears only when set.
 */
function copyKey(out: Json, props: Json, key: string, required: Json): void {
  const raw = props[key];
  if (Object.hasOwn(required, key)) {
    if (raw === undefined || raw === null) out[key] = required[key];
    else if (isPlainObject(raw)) out[key] = cleanValue(raw) ?? {};
    else out[key] = raw;
  } else {
    const c = cleanValue(raw);
    if (c !== undefined) out[key] = c;
  }
}

const NO_KEYS: Json = {};
const DEFAULT_ACTION_KEYS = ['type', 'url', 'text'];
const DEFAULT_ACTION_REQUIRED: Json = { type: 'Link' };

function propsOf(node: DesignNode): Json {
  return isPlainObject(node.props) ? node.props : {};
}

function childrenOf(node: DesignNode, kind: NodeKind): DesignNode[] {
  if (!Array.isArray(node.children)) return [];
  return node.children.filter(
    (c) => isPlainObject(c) && typeof c.kind === 'string' && isNodeKind(c.kind) && c.kind === kind && canContainSafe(node.kind, kind),
  );
}

function canContainSafe(parent: string, child: NodeKind): boolean {
  return isNodeKind(parent) && canContain(parent, child);
}

type Paths = Record<string, string>;

function record(paths: Paths, node: DesignNode, path: string) {
  if (typeof node.id === 'string') paths[node.id] = path;
}

/**
 * One node's payload: KINDS' keys in order, its children's array in its place. `special`
 * writes the keys that need more than a copy (a card's default action).
 */
function compilePayload(node: DesignNode, kind: NodeKind, path: string, paths: Paths): Json {
  const spec: KindSpec = KINDS[kind];
  const p = propsOf(node);
  const out: Json = {};
  const required = spec.wire.required ?? NO_KEYS;
  for (const key of spec.wire.keys) {
    if (key === spec.children?.field) {
      const children = compileChildren(node, kind, `${path}.${key}`, paths);
      // A date picker without times leaves availableTimes out: it is optional there.
      if (children.length > 0 || key !== 'availableTimes') out[key] = children;
    } else if (kind === 'card' && key === 'defaultAction') {
      const da = cleanValue(p.defaultAction);
      // A default action without a url is an unfinished form field, not something to send.
      if (isPlainObject(da) && da.url !== undefined) {
        const action: Json = {};
        for (const k of DEFAULT_ACTION_KEYS) copyKey(action, da, k, DEFAULT_ACTION_REQUIRED);
        // Always with text: Genesys' mobile Messenger transport requires it and drops the whole
        // message without it (the guest schema's ContentCardAction does not say so, the
        // transport does); the card title stands in when the user gave none, as the form says.
        if (typeof action.text !== 'string' || action.text === '') action.text = typeof p.title === 'string' ? p.title : '';
        out.defaultAction = action;
      }
    } else if (spec.wire.asTyped?.includes(key)) {
      if (p[key] !== undefined && p[key] !== null) out[key] = p[key];
    } else copyKey(out, p, key, required);
  }
  return out;
}

/** The compiled children of `node` that the grammar allows, recording their paths. */
function compileChildren(node: DesignNode, kind: NodeKind, arrayPath: string, paths: Paths): Json[] {
  const out: Json[] = [];
  for (const childKind of (KINDS[kind] as KindSpec).children?.kinds ?? []) {
    childrenOf(node, childKind).forEach((c) => {
      const childPath = `${arrayPath}[${out.length}]`;
      record(paths, c, childPath);
      out.push(compilePayload(c, childKind, childPath, paths));
    });
  }
  return out;
}

function compileContent(node: DesignNode, path: string, paths: Paths): ContentItem | undefined {
  if (!isNodeKind(node.kind)) return undefined;
  const contentType = (KINDS[node.kind] as KindSpec).contentType;
  if (!contentType) return undefined;
  return { contentType, [node.kind]: compilePayload(node, node.kind, `${path}.${node.kind}`, paths) } as ContentItem;
}

/** Rich content → Structured; none → Text; an Attachment alone → Text (a bot sends it in a Text message). */
export function messageTypeFor(content: readonly ContentItem[]): 'Text' | 'Structured' {
  if (content.length === 0) return 'Text';
  if (content.every((c) => c.contentType === 'Attachment')) return 'Text';
  return 'Structured';
}

function bind(design: Design, variables: CompileOptions['variables']): Design {
  if (variables === undefined) return design;
  const values = variables === 'samples' ? resolveVariables(design) : resolveVariables(design, variables);
  return bindDesign(design, values);
}

export function compileWithSourceMap(design: Design, opts: CompileOptions = {}): CompileResult {
  const paths: Paths = {};
  let bound: Design = design;
  try {
    bound = bind(design, opts.variables);
  } catch {
    // Only a structurally broken tree makes binding throw; compile it unbound rather than
    // throw (validate reports the broken structure).
  }
  const root = isPlainObject(bound?.root) ? (bound.root as DesignNode) : ({ id: '', kind: 'message', props: {}, children: [] } as DesignNode);
  record(paths, root, '');
  const content: ContentItem[] = [];
  const kids = Array.isArray(root.children) ? root.children : [];
  for (const child of kids) {
    if (!isPlainObject(child) || typeof child.kind !== 'string' || !isNodeKind(child.kind)) continue;
    // The root is always compiled as the message, whatever its kind says (validate reports it).
    if (!canContain('message', child.kind)) continue;
    const path = `content[${content.length}]`;
    const item = compileContent(child, path, paths);
    if (item) {
      // Same shape as tree.ts nodePath: a content item is named by its payload object.
      record(paths, child, `${path}.${child.kind}`);
      content.push(item);
    }
  }

  const message: Json = {};
  const envelope = isPlainObject(bound?.envelope) ? bound.envelope : undefined;
  if (envelope) {
    for (const k of ENVELOPE_EXTRA_KEYS) if (envelope[k] !== undefined) message[k] = envelope[k];
  }
  message.type = messageTypeFor(content);
  const text = propsOf(root).text;
  if (text !== undefined && text !== null && text !== '') message.text = text;
  else if (content.length === 0) message.text = ''; // a Text message always carries its text
  if (content.length > 0) message.content = content;
  return { message: message as GenesysMessage, paths };
}

export function compile(design: Design, opts: CompileOptions = {}): GenesysMessage {
  return compileWithSourceMap(design, opts).message;
}
