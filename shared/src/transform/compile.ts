/**
 * compile(): design tree → the Genesys normalized message (reference §1).
 *
 * The tree maps 1:1: root message props.text → `text`; message children → `content[]`;
 * carousel children → `cards`; card children → `actions`; list picker → `sections` →
 * `items`; date picker → `availableTimes`. compile never throws and never validates: a node
 * the grammar forbids is skipped (validate() reports it), a prop of the wrong type is copied
 * as is (validate() reports it), so an invalid design still previews.
 */
import {
  ENVELOPE_EXTRA_KEYS,
  type ContentItem,
  type GenesysMessage,
} from '../model/genesys.ts';
import { canContain, isNodeKind, type Design, type DesignNode, type NodeKind } from '../model/design.ts';
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

/** §2.2 CARD_ALWAYS_EMIT_DESCRIPTION: the mobile transport may fail on a card without it. */
export const CARD_ALWAYS_EMIT_DESCRIPTION = true;

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
 * Copies `keys` from props in order. Keys in `required` always appear (their default when
 * unset, so the output keeps the wire shape); optional keys appear only when set.
 */
function pick(props: Json, keys: readonly string[], required: Json = {}): Json {
  const out: Json = {};
  for (const k of keys) {
    const raw = props[k];
    if (k in required) {
      if (raw === undefined || raw === null) out[k] = required[k];
      else if (isPlainObject(raw)) out[k] = cleanValue(raw) ?? {};
      else out[k] = raw;
    } else {
      const c = cleanValue(raw);
      if (c !== undefined) out[k] = c;
    }
  }
  return out;
}

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

function compileAction(node: DesignNode): Json {
  const p = propsOf(node);
  const action = pick(p, ['type', 'text'], { type: 'Postback', text: '' });
  // An empty payload or url is still a value the user typed: dropping it would turn
  // "empty payload" (a validate finding) into "missing payload" (a schema error).
  for (const k of ['payload', 'url']) if (p[k] !== undefined && p[k] !== null) action[k] = p[k];
  return action;
}

function compileCard(node: DesignNode, path: string, paths: Paths): Json {
  const p = propsOf(node);
  const card = pick(p, ['title', 'description', 'image', 'video'], {
    title: '',
    ...(CARD_ALWAYS_EMIT_DESCRIPTION ? { description: '' } : {}),
  });
  const da = cleanValue(p.defaultAction);
  // A default action without a url is an unfinished form field, not something to send.
  if (isPlainObject(da) && da.url !== undefined) {
    card.defaultAction = pick(da, ['type', 'url', 'text'], { type: 'Link' });
  }
  card.actions = childrenOf(node, 'action').map((a, i) => {
    record(paths, a, `${path}.actions[${i}]`);
    return compileAction(a);
  });
  return card;
}

function compileContent(node: DesignNode, path: string, paths: Paths): ContentItem | undefined {
  const p = propsOf(node);
  switch (node.kind) {
    case 'quickReply':
      return {
        contentType: 'QuickReply',
        quickReply: pick(p, ['text', 'payload', 'image', 'action', 'summaryText'], { text: '', payload: '' }),
      } as ContentItem;
    case 'card':
      return { contentType: 'Card', card: compileCard(node, `${path}.card`, paths) } as ContentItem;
    case 'carousel': {
      const cards = childrenOf(node, 'card').map((c, i) => {
        const cardPath = `${path}.carousel.cards[${i}]`;
        record(paths, c, cardPath);
        return compileCard(c, cardPath, paths);
      });
      return { contentType: 'Carousel', carousel: { cards } } as ContentItem;
    }
    case 'listPicker': {
      const sections = childrenOf(node, 'listSection').map((s, i) => {
        const sectionPath = `${path}.listPicker.sections[${i}]`;
        record(paths, s, sectionPath);
        const section = pick(propsOf(s), ['title', 'multipleSelection'], { title: '', multipleSelection: false });
        section.items = childrenOf(s, 'listItem').map((it, j) => {
          record(paths, it, `${sectionPath}.items[${j}]`);
          return pick(propsOf(it), ['id', 'title', 'subtitle', 'imageUrl'], { id: '', title: '' });
        });
        return section;
      });
      const listPicker: Json = pick(p, ['id']);
      listPicker.sections = sections;
      // Both messages are required by the Guest API (§1.8), so they are kept even if empty.
      Object.assign(listPicker, pick(p, ['replyMessage', 'receivedMessage'], { replyMessage: {}, receivedMessage: {} }));
      return { contentType: 'ListPicker', listPicker } as ContentItem;
    }
    case 'datePicker': {
      const datePicker = pick(p, [
        'id', 'title', 'subtitle', 'imageUrl', 'dateMinimum', 'dateMaximum', 'location', 'dateDisplayFormat',
      ]);
      const times = childrenOf(node, 'timeSlot').map((t, i) => {
        record(paths, t, `${path}.datePicker.availableTimes[${i}]`);
        return pick(propsOf(t), ['dateTime', 'duration'], { dateTime: '', duration: 0 });
      });
      if (times.length > 0) datePicker.availableTimes = times;
      return { contentType: 'DatePicker', datePicker } as ContentItem;
    }
    case 'attachment':
      return {
        contentType: 'Attachment',
        attachment: pick(p, ['id', 'mediaType', 'url', 'filename', 'mime', 'sha256', 'contentSizeBytes', 'text'], {
          id: '', mediaType: 'Image', url: '', filename: '',
        }),
      } as ContentItem;
    default:
      return undefined;
  }
}

/** §1.1: rich content → Structured; none → Text; a bot Attachment alone → Text. */
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
