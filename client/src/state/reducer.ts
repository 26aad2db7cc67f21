/**
 * The editor's one reducer. Every change to the design is a named command; undo/redo keeps
 * whole design snapshots, which is cheap because the shared tree ops return new objects only
 * along the edited path (unchanged subtrees are shared between snapshots).
 * Selection and announcements are not history.
 */
import {
  GRAMMAR,
  KIND_LABELS,
  canInsert,
  createNode,
  duplicateNode,
  uniqueButtons,
  findNode,
  findParent,
  insertNode,
  isNodeKind,
  moveNode,
  removeNode,
  updateProps,
  type Design,
  type DesignNode,
  type NodeKind,
  type Variable,
} from '@grmd/shared';

export const HISTORY_LIMIT = 200;

export type Refusal = { code: string; reason: string };

export type EditorState = {
  design: Design;
  selectedId: string | null;
  past: Design[];
  future: Design[];
  /** Key of the last merged edit (`nodeId:field`); a repeat edit of it is not a new step. */
  mergeKey: string | null;
  /** Increments on every design change (undo/redo included). */
  revision: number;
  /** Revision at the last export/copy/share/load: anything newer is "unsaved". */
  savedRevision: number;
  /** Text for the aria-live region: what the last command did or why it was refused. */
  announcement: string;
  /** Set when the last command was refused; cleared by the next successful one. */
  refusal: Refusal | null;
};

export type MoveDirection = 'up' | 'down' | 'in' | 'out';

export type Command =
  | { type: 'load'; design: Design; selectedId?: string | null }
  | { type: 'replaceDesign'; design: Design; label?: string }
  | { type: 'select'; id: string | null }
  | { type: 'insert'; parentId: string; kind: NodeKind; index?: number; props?: Record<string, unknown> }
  | { type: 'add'; kind: NodeKind }
  | { type: 'duplicate'; id: string }
  | { type: 'remove'; id: string }
  | { type: 'move'; id: string; parentId: string; index: number }
  | { type: 'moveBy'; id: string; direction: MoveDirection }
  | { type: 'updateProps'; id: string; patch: Record<string, unknown>; field: string }
  | { type: 'setName'; name: string }
  | { type: 'setVariables'; variables: Variable[]; field: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'markSaved' }
  | { type: 'announce'; message: string };

export function initialState(design: Design, selectedId: string | null = null): EditorState {
  return {
    design,
    selectedId,
    past: [],
    future: [],
    mergeKey: null,
    revision: 0,
    savedRevision: 0,
    announcement: '',
    refusal: null,
  };
}

export function isDirty(state: EditorState): boolean {
  return state.revision !== state.savedRevision;
}

function label(node: DesignNode | undefined): string {
  if (!node) return 'node';
  const kindLabel = isNodeKind(node.kind) ? KIND_LABELS[node.kind] : node.kind;
  const p = node.props as Record<string, unknown>;
  const name = [p.title, p.text, p.id].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  return name ? `${kindLabel} “${name.length > 30 ? `${name.slice(0, 30)}…` : name}”` : kindLabel;
}

/** Records a design change as one undo step (or merges it into the last one). */
function commit(
  state: EditorState,
  root: DesignNode,
  extra: Partial<EditorState> & { mergeKey?: string | null },
): EditorState {
  if (root === state.design.root) return { ...state, ...extra, mergeKey: null };
  return pushDesign(state, { ...state.design, root }, extra);
}

function pushDesign(state: EditorState, design: Design, extra: Partial<EditorState> & { mergeKey?: string | null }): EditorState {
  const mergeKey = extra.mergeKey ?? null;
  const merging = mergeKey !== null && mergeKey === state.mergeKey;
  const past = merging ? state.past : [...state.past, state.design].slice(-HISTORY_LIMIT);
  return {
    ...state,
    ...extra,
    design,
    past,
    future: [],
    mergeKey,
    revision: state.revision + 1,
    refusal: null,
  };
}

function refuse(state: EditorState, r: Refusal): EditorState {
  return { ...state, refusal: r, announcement: r.reason, mergeKey: null };
}

function siblingsOf(root: DesignNode, id: string): { parent: DesignNode; index: number } | undefined {
  const parent = findParent(root, id);
  if (!parent) return undefined;
  return { parent, index: parent.children.findIndex((c) => c.id === id) };
}

/** Where the palette puts a new node: the selection if it can hold it, else its nearest ancestor that can. */
export function paletteTarget(root: DesignNode, selectedId: string | null, kind: NodeKind): { parentId: string; index: number } | null {
  let cur: DesignNode | undefined = selectedId ? findNode(root, selectedId) : undefined;
  let after: DesignNode | undefined;
  while (cur) {
    if (isNodeKind(cur.kind) && GRAMMAR[cur.kind].includes(kind)) {
      const idx = after ? cur.children.findIndex((c) => c.id === after!.id) + 1 : cur.children.length;
      return { parentId: cur.id, index: idx };
    }
    after = cur;
    cur = findParent(root, cur.id);
  }
  if (isNodeKind(root.kind) && GRAMMAR[root.kind].includes(kind)) return { parentId: root.id, index: root.children.length };
  return null;
}

function nodeStillThere(design: Design, id: string | null): string | null {
  return id && findNode(design.root, id) ? id : null;
}

export function editorReducer(state: EditorState, cmd: Command): EditorState {
  switch (cmd.type) {
    case 'load':
      return { ...initialState(cmd.design, cmd.selectedId ?? cmd.design.root.id), announcement: `Opened ${cmd.design.name || 'design'}` };

    case 'replaceDesign': {
      if (cmd.design === state.design) return state;
      return pushDesign(state, cmd.design, {
        selectedId: nodeStillThere(cmd.design, state.selectedId) ?? cmd.design.root.id,
        announcement: cmd.label ?? '',
      });
    }

    case 'select': {
      if (cmd.id === state.selectedId) return state;
      const node = cmd.id ? findNode(state.design.root, cmd.id) : undefined;
      if (cmd.id && !node) return state;
      return { ...state, selectedId: cmd.id, mergeKey: null };
    }

    case 'insert': {
      const check = canInsert(state.design.root, cmd.parentId, cmd.kind);
      if (!check.ok) return refuse(state, check);
      const parent = findNode(state.design.root, cmd.parentId);
      const node = uniqueButtons(state.design.root, cmd.parentId, createNode(cmd.kind, cmd.props));
      const res = insertNode(state.design.root, cmd.parentId, cmd.index ?? parent?.children.length ?? 0, node);
      if (!res.ok) return refuse(state, res);
      return commit(state, res.root, {
        selectedId: node.id,
        announcement: `Added ${KIND_LABELS[cmd.kind]} to ${label(parent)}.`,
      });
    }

    case 'add': {
      const target = paletteTarget(state.design.root, state.selectedId, cmd.kind);
      if (!target) {
        const check = canInsert(state.design.root, state.selectedId ?? state.design.root.id, cmd.kind);
        return refuse(state, check.ok ? { code: 'grammar', reason: `No place in this design can hold a ${KIND_LABELS[cmd.kind]}.` } : check);
      }
      return editorReducer(state, { type: 'insert', parentId: target.parentId, kind: cmd.kind, index: target.index });
    }

    case 'duplicate': {
      const node = findNode(state.design.root, cmd.id);
      if (!node) return state;
      if (node.id === state.design.root.id) return refuse(state, { code: 'root', reason: 'The message itself cannot be duplicated.' });
      const res = duplicateNode(state.design.root, cmd.id);
      if (!res.ok) return refuse(state, res);
      return commit(state, res.root, {
        selectedId: res.nodeId ?? state.selectedId,
        announcement: `Duplicated ${label(node)}.`,
      });
    }

    case 'remove': {
      const node = findNode(state.design.root, cmd.id);
      if (!node) return state;
      if (node.id === state.design.root.id) return refuse(state, { code: 'root', reason: 'The message itself cannot be deleted.' });
      const where = siblingsOf(state.design.root, cmd.id);
      const root = removeNode(state.design.root, cmd.id);
      // Select the neighbour so keyboard users keep their place.
      const nextSel = where
        ? (where.parent.children[where.index + 1] ?? where.parent.children[where.index - 1] ?? where.parent).id
        : root.id;
      return commit(state, root, { selectedId: nextSel, announcement: `Deleted ${label(node)}.` });
    }

    case 'move': {
      const node = findNode(state.design.root, cmd.id);
      if (!node) return state;
      const res = moveNode(state.design.root, cmd.id, cmd.parentId, cmd.index);
      if (!res.ok) return refuse(state, res);
      if (res.root === state.design.root) return state;
      const parent = findNode(res.root, cmd.parentId);
      const pos = parent ? parent.children.findIndex((c) => c.id === cmd.id) + 1 : 0;
      return commit(state, res.root, {
        selectedId: cmd.id,
        announcement: `Moved ${label(node)} to position ${pos} of ${parent?.children.length ?? 0} in ${label(parent)}.`,
      });
    }

    case 'moveBy': {
      const root = state.design.root;
      const node = findNode(root, cmd.id);
      const where = siblingsOf(root, cmd.id);
      if (!node || !where) return refuse(state, { code: 'root', reason: 'The message itself cannot move.' });
      const { parent, index } = where;
      switch (cmd.direction) {
        case 'up':
          if (index === 0) return refuse(state, { code: 'edge', reason: `${label(node)} is already first in ${label(parent)}.` });
          return editorReducer(state, { type: 'move', id: cmd.id, parentId: parent.id, index: index - 1 });
        case 'down':
          if (index === parent.children.length - 1)
            return refuse(state, { code: 'edge', reason: `${label(node)} is already last in ${label(parent)}.` });
          return editorReducer(state, { type: 'move', id: cmd.id, parentId: parent.id, index: index + 1 });
        case 'in': {
          const prev = parent.children[index - 1];
          if (!prev) return refuse(state, { code: 'edge', reason: `There is no node above ${label(node)} to move it into.` });
          return editorReducer(state, { type: 'move', id: cmd.id, parentId: prev.id, index: prev.children.length });
        }
        case 'out': {
          const grand = findParent(root, parent.id);
          if (!grand) return refuse(state, { code: 'edge', reason: `${label(node)} is already at the top level.` });
          const pIndex = grand.children.findIndex((c) => c.id === parent.id);
          return editorReducer(state, { type: 'move', id: cmd.id, parentId: grand.id, index: pIndex + 1 });
        }
      }
      return state;
    }

    case 'updateProps': {
      const root = updateProps(state.design.root, cmd.id, cmd.patch);
      if (root === state.design.root) return state;
      return commit(state, root, { mergeKey: `${cmd.id}:${cmd.field}`, announcement: state.announcement });
    }

    case 'setName':
      if (cmd.name === state.design.name) return state;
      return pushDesign(state, { ...state.design, name: cmd.name }, { mergeKey: 'design:name' });

    case 'setVariables':
      return pushDesign(state, { ...state.design, variables: cmd.variables }, { mergeKey: `variables:${cmd.field}` });

    case 'undo': {
      const prev = state.past[state.past.length - 1];
      if (!prev) return { ...state, announcement: 'Nothing to undo.' };
      return {
        ...state,
        design: prev,
        past: state.past.slice(0, -1),
        future: [state.design, ...state.future],
        mergeKey: null,
        revision: state.revision + 1,
        selectedId: nodeStillThere(prev, state.selectedId) ?? prev.root.id,
        announcement: 'Undone.',
        refusal: null,
      };
    }

    case 'redo': {
      const next = state.future[0];
      if (!next) return { ...state, announcement: 'Nothing to redo.' };
      return {
        ...state,
        design: next,
        past: [...state.past, state.design].slice(-HISTORY_LIMIT),
        future: state.future.slice(1),
        mergeKey: null,
        revision: state.revision + 1,
        selectedId: nodeStillThere(next, state.selectedId) ?? next.root.id,
        announcement: 'Redone.',
        refusal: null,
      };
    }

    case 'markSaved':
      return state.savedRevision === state.revision ? state : { ...state, savedRevision: state.revision };

    case 'announce':
      return { ...state, announcement: cmd.message };
  }
}
