/**
 * React Query hooks for everything the app changes on the server. Each hook keeps the cache
 * right (what it sets, what it invalidates) so views only say what happened to the user;
 * a view's own `onSuccess` runs after the cache is updated.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Design, DesignRecord, DesignSummary, SendRequest, SendResult } from '@grmd/shared';
import { keys } from './keys.ts';
import type { TestConversation } from '@grmd/shared';
import {
  armReply,
  createDesign,
  deleteDesign,
  disarmReply,
  getDesign,
  getVersion,
  postSend,
  saveDesign,
  sayAsGuest,
  endConversation,
  startConversation,
  updateDesign,
  type ArmRequest,
  type GuestMessage,
  type SaveVars,
} from './requests.ts';

type Done<T, V> = { onSuccess?: (data: T, vars: V) => void; onError?: (error: Error, vars: V) => void };

/* ---- test conversations ---- */

/** The variable is the tab's previous conversation (ended as the new one starts), if any. */
export function useStartConversation(done: Done<TestConversation, string | null> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (replaces: string | null) => startConversation(replaces),
    onSuccess: (view, vars) => {
      qc.setQueryData(keys.conversation(view.id), view);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      void qc.invalidateQueries({ queryKey: keys.sessions });
      done.onSuccess?.(view, vars);
    },
  });
}

export function useEndConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => endConversation(id, 'user'),
    onSuccess: (view) => {
      qc.setQueryData(keys.conversation(view.id), view);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      void qc.invalidateQueries({ queryKey: keys.sessions });
      if (view.botSessionId) void qc.invalidateQueries({ queryKey: keys.session(view.botSessionId) });
    },
  });
}

export function useSayAsGuest(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GuestMessage) => sayAsGuest(conversationId, body),
    onSuccess: (view) => {
      qc.setQueryData(keys.conversation(conversationId), view);
      void qc.invalidateQueries({ queryKey: keys.conversations });
      if (view.botSessionId) void qc.invalidateQueries({ queryKey: keys.session(view.botSessionId) });
    },
  });
}

/* ---- sends ---- */

export type SendVars = { request: SendRequest; idempotencyKey: string };

export function useSend(done: Done<SendResult, SendVars> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: SendVars) => postSend(request, idempotencyKey),
    onSuccess: (result, vars) => {
      void qc.invalidateQueries({ queryKey: keys.sendsAll });
      const target = vars.request.target;
      if (target.kind === 'botSession') void qc.invalidateQueries({ queryKey: keys.session(target.botSessionId) });
      done.onSuccess?.(result, vars);
    },
  });
}

export function useArmReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: ArmRequest }) => armReply(sessionId, body),
    onSuccess: (_r, { sessionId }) => void qc.invalidateQueries({ queryKey: keys.session(sessionId) }),
  });
}

export function useDisarmReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: disarmReply,
    onSuccess: (_r, sessionId) => void qc.invalidateQueries({ queryKey: keys.session(sessionId) }),
  });
}

/* ---- the design library ---- */

/** Saves a design (see saveDesign in requests.ts for how a save meets a newer version). */
export function useSaveDesign(done: Done<DesignRecord, SaveVars> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveDesign,
    onSuccess: (rec, vars) => {
      void qc.invalidateQueries({ queryKey: keys.designsAll });
      void qc.invalidateQueries({ queryKey: keys.activityAll });
      done.onSuccess?.(rec, vars);
    },
    onError: done.onError,
  });
}

/** Saves a design (with an id of its own) as a new library entry. */
export function useCreateDesign(done: Done<DesignRecord, Design> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createDesign,
    onSuccess: (rec, design) => {
      void qc.invalidateQueries({ queryKey: keys.designsAll });
      void qc.invalidateQueries({ queryKey: keys.activityAll });
      done.onSuccess?.(rec, design);
    },
  });
}

/** Reads the server's current record of a design on demand (to open it, or to load theirs after a conflict). */
export function useFetchDesign(done: Done<DesignRecord, string> = {}) {
  return useMutation({ mutationFn: getDesign, onSuccess: done.onSuccess });
}

export type DesignAction = 'open' | 'delete' | { duplicateAs: string } | { rename: string };
export type DesignActionResult = { action: DesignAction; record: DesignRecord };

/**
 * One action on a saved design, always on its current version (read first), so a rename or
 * delete never overwrites a newer save by accident. Rename and delete show at once in every
 * loaded list; a failure puts the lists back.
 */
export function useDesignAction(id: string, done: Done<DesignActionResult, DesignAction> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (action: DesignAction): Promise<DesignActionResult> => {
      const rec = await getDesign(id);
      if (action === 'open') return { action, record: rec };
      if (action === 'delete') {
        await deleteDesign(id, rec.version);
        return { action, record: rec };
      }
      if ('duplicateAs' in action) {
        return { action, record: await createDesign({ ...rec.design, id: action.duplicateAs, name: `${rec.name} (copy)` }) };
      }
      return { action, record: await updateDesign(id, { ...rec.design, name: action.rename }, rec.version) };
    },
    onMutate: async (action) => {
      if (action !== 'delete' && !(typeof action === 'object' && 'rename' in action)) return { prev: [] as [readonly unknown[], unknown][] };
      await qc.cancelQueries({ queryKey: keys.designsAll });
      const prev = qc.getQueriesData({ queryKey: keys.designsAll });
      qc.setQueriesData<{ items: DesignSummary[] }>({ queryKey: keys.designsAll }, (old) => {
        // designsAll also covers version lists: touch only design lists.
        if (!old || !Array.isArray(old.items) || !old.items.every((d) => typeof d.id === 'string')) return old;
        return { items: action === 'delete' ? old.items.filter((d) => d.id !== id) : old.items.map((d) => (d.id === id ? { ...d, name: action.rename } : d)) };
      });
      return { prev };
    },
    onError: (e, action, ctx) => {
      for (const [k, v] of ctx?.prev ?? []) qc.setQueryData(k, v);
      done.onError?.(e, action);
    },
    onSuccess: (result, action) => {
      if (action !== 'open') {
        void qc.invalidateQueries({ queryKey: keys.designsAll });
        void qc.invalidateQueries({ queryKey: keys.activityAll });
      }
      done.onSuccess?.(result, action);
    },
  });
}

/** Restores an old version as the newest one (saved over the current version). */
export function useRestoreVersion(id: string, done: Done<DesignRecord, number> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) => {
      const [old, current] = await Promise.all([getVersion(id, version), getDesign(id)]);
      return updateDesign(id, old.design, current.version);
    },
    onSuccess: (rec, version) => {
      void qc.invalidateQueries({ queryKey: keys.designsAll });
      void qc.invalidateQueries({ queryKey: keys.activityAll });
      done.onSuccess?.(rec, version);
    },
  });
}

/** Two saved versions of a design, read together to compare them. */
export function useFetchVersions(id: string, done: Done<[Design, Design], [number, number]> = {}) {
  return useMutation({
    mutationFn: async ([a, b]: [number, number]): Promise<[Design, Design]> => {
      const [va, vb] = await Promise.all([getVersion(id, a), getVersion(id, b)]);
      return [va.design, vb.design];
    },
    onSuccess: done.onSuccess,
  });
}
