/**
 * Structure rules and the walk: every node is an object with a unique id, a known kind, a
 * place the grammar allows, props that are an object and children that are a list, no
 * deeper than MAX_DEPTH. The tree is walked with an explicit stack and cut off at MAX_DEPTH,
 * so a 10,000-deep file cannot blow the stack; each sound node is then handed to the field,
 * URL, variable and per-kind rules.
 */
import { GRAMMAR, KIND_LABELS, isNodeKind, type NodeKind } from '../model/kinds.ts';
import { MAX_DEPTH } from '../model/limits.ts';
import { childPathSegment, joinPath } from '../model/paths.ts';
import { checkFieldLimits, checkProps } from './fields.ts';
import { checkKindRules } from './perKind.ts';
import { isObject, label, quote, typeName, where, type Child, type Json, type RuleContext } from './report.ts';
import { checkUrls } from './urls.ts';
import { scanVariables } from './variables.ts';

type Frame = { node: unknown; path: string; depth: number; parentKind: string | undefined };

export function walkTree(root: unknown, ctx: RuleContext): void {
  const stack: Frame[] = [{ node: root, path: '', depth: 1, parentKind: undefined }];
  while (stack.length) {
    const frame = stack.pop()!;
    const children = checkNode(frame, ctx);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Check one node; returns the frames of the children to visit next. */
function checkNode({ node, path, depth, parentKind }: Frame, ctx: RuleContext): Frame[] {
  const { out } = ctx;
  if (!isObject(node)) {
    out.add('error', 'node.not_object', `Expected a node {id, kind, props, children} ${where(path)}; found ${typeName(node)}.`, path);
    return [];
  }
  const id = checkId(node, path, ctx);
  const kind = node.kind;
  if (typeof kind !== 'string' || !isNodeKind(kind)) {
    out.add(
      'error',
      'node.unknown_kind',
      `The node ${where(path)} has kind ${JSON.stringify(kind) ?? 'undefined'}, which is not one of ${Object.keys(KIND_LABELS).join(', ')}; it and its contents are not checked or exported.`,
      path,
      id,
    );
    return [];
  }
  checkPlace(kind, parentKind, depth, path, id, ctx);

  let props: Json | undefined = {};
  if (node.props !== undefined) {
    if (isObject(node.props)) props = node.props;
    else {
      out.add('error', 'node.props_not_object', `The props of the ${label(kind)} ${where(path)} must be an object; found ${typeName(node.props)}.`, path, id);
      props = undefined;
    }
  }
  let rawChildren: unknown[] = [];
  if (node.children !== undefined) {
    if (Array.isArray(node.children)) rawChildren = node.children;
    else out.add('error', 'node.children_not_array', `The children of the ${label(kind)} ${where(path)} must be a list; found ${typeName(node.children)}.`, path, id);
  }
  const children = childrenOf(kind, rawChildren, path);

  if (props) {
    checkProps(kind, props, path, id, ctx);
    checkFieldLimits(kind, props, path, id, ctx);
    checkUrls(kind, props, path, id, ctx);
    scanVariables(props, path, id, ctx);
    checkKindRules(kind, props, children, path, id, ctx);
  }

  if (depth > MAX_DEPTH) return [];
  return children.map((c) => ({ node: c.value, path: c.path, depth: depth + 1, parentKind: kind }));
}

function checkId(node: Json, path: string, ctx: RuleContext): string | undefined {
  const id = typeof node.id === 'string' && node.id !== '' ? node.id : undefined;
  if (!id) {
    ctx.out.add('error', 'node.id_missing', `The node ${where(path)} has no id (it needs non-empty text).`, path);
  } else if (ctx.ids.has(id)) {
    ctx.out.add('error', 'node.id_duplicate', `Node id ${quote(id)} ${where(path)} is already used ${where(ctx.ids.get(id)!)}; ids must be unique.`, path, id);
  } else {
    ctx.ids.set(id, path);
  }
  return id;
}

function checkPlace(kind: NodeKind, parentKind: string | undefined, depth: number, path: string, id: string | undefined, ctx: RuleContext): void {
  const { out } = ctx;
  if (parentKind === undefined) {
    if (kind !== 'message') out.add('error', 'design.root_kind', `The root node must be a Message; it is a ${label(kind)}.`, path, id);
  } else if (isNodeKind(parentKind) && !(GRAMMAR[parentKind] as readonly string[]).includes(kind)) {
    const allowed = GRAMMAR[parentKind].map((k) => KIND_LABELS[k]);
    out.add(
      'error',
      'tree.grammar',
      `A ${label(kind)} cannot go inside a ${label(parentKind)} (${path}); a ${label(parentKind)} holds ${allowed.length ? `only ${allowed.join(', ')}` : 'nothing'}. It is not exported.`,
      path,
      id,
    );
  }
  if (depth > MAX_DEPTH) {
    out.add(
      'error',
      'tree.too_deep',
      `The ${label(kind)} at ${path} is at depth ${depth}; a design may be at most MAX_DEPTH = ${MAX_DEPTH} levels deep (Message › Carousel › Card › Button). Its contents are not checked.`,
      path,
      id,
    );
  }
}

/** Children with their export paths (index among grammar-allowed siblings, as compile() emits them). */
function childrenOf(kind: NodeKind, rawChildren: unknown[], path: string): Child[] {
  const children: Child[] = [];
  let exportIndex = 0;
  rawChildren.forEach((value, i) => {
    const ck = isObject(value) && typeof value.kind === 'string' ? value.kind : undefined;
    const seg = childPathSegment(kind, ck ?? '', exportIndex, i);
    const allowed = !seg.startsWith('children[');
    if (allowed) exportIndex++;
    children.push({
      value,
      kind: ck,
      props: isObject(value) && isObject(value.props) ? value.props : {},
      id: isObject(value) && typeof value.id === 'string' ? value.id : undefined,
      path: joinPath(path, seg),
      allowed,
    });
  });
  return children;
}
