/**
 * The product around the editor: the sandbox banner and the panels that talk to the server
 * (test send, library, audit, connection). Mounted once by the editor; owns the React Query
 * client so the editor's first paint does not wait for it.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { onAuthEvent } from '../api/auth.ts';
import { useConnection } from '../api/queries.ts';
import { readTab, writeTab } from '../state/tabStorage.ts';
import { useEndTestConversationOnPageHide } from './testTab.ts';
import './workbench.css';

const TestPanel = lazy(() => import('./TestPanel.tsx'));
const LibraryPanel = lazy(() => import('../features/library/LibraryPanel.tsx'));
const AuditPanel = lazy(() => import('../features/audit/AuditPanel.tsx'));
const ConnectionPanel = lazy(() => import('../features/connection/ConnectionPanel.tsx'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const TABS = [
  { id: 'test', label: 'Test send' },
  { id: 'library', label: 'Library' },
  { id: 'audit', label: 'Audit log' },
  { id: 'connection', label: 'Connection' },
] as const;
type Tab = (typeof TABS)[number]['id'];
const TAB_KEY = 'grmd.workbench.tab';

function initialTab(): Tab | null {
  const t = readTab(TAB_KEY);
  return TABS.some((x) => x.id === t) ? (t as Tab) : null;
}

export default function Workbench() {
  // What failed while signed out (401) asks again once signed in.
  useEffect(() => onAuthEvent('signedIn', () => void queryClient.invalidateQueries()), []);
  return (
    <QueryClientProvider client={queryClient}>
      <WorkbenchInner />
    </QueryClientProvider>
  );
}

function WorkbenchInner() {
  // Whichever panel is open: a reload or a closed tab ends the tab's test conversation.
  useEndTestConversationOnPageHide();
  // The open panel survives a reload (per tab), so a test in progress is still in view.
  const [tab, setTabState] = useState<Tab | null>(initialTab);
  const setTab = (t: Tab | null) => {
    setTabState(t);
    writeTab(TAB_KEY, t);
  };
  const label = TABS.find((t) => t.id === tab)?.label;
  return (
    <div className="workbench">
      <SandboxBanner />
      <nav className="wb-tabs" aria-label="Server panels">
        {TABS.map((t) => (
          <button key={t.id} type="button" aria-pressed={tab === t.id} aria-controls={tab === t.id ? 'wb-panel' : undefined} onClick={() => setTab(tab === t.id ? null : t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      {tab && (
        <section id="wb-panel" className="wb-panel" aria-label={label}>
          <div className="wb-panel-head">
            <h2>{label}</h2>
            <button type="button" onClick={() => setTab(null)}>
              Close {label}
            </button>
          </div>
          <Suspense fallback={<p role="status">Loading {label}…</p>}>
            {tab === 'test' && <TestPanel />}
            {tab === 'library' && <LibraryPanel />}
            {tab === 'audit' && <AuditPanel />}
            {tab === 'connection' && <ConnectionPanel />}
          </Suspense>
        </section>
      )}
    </div>
  );
}

function SandboxBanner() {
  const { data, error } = useConnection();
  if (error) {
    return (
      <p className="wb-banner wb-banner-error" role="alert">
        The server is not answering: the editor works offline (autosaved in this browser); sending and the library need the server.
      </p>
    );
  }
  // Always one line, so the editor below does not move when the answer arrives.
  if (!data) {
    return (
      <p className="wb-banner wb-banner-pending" aria-hidden="true">
        Checking the server…
      </p>
    );
  }
  if (data.mode !== 'sandbox') {
    return (
      <p className="wb-banner wb-banner-live" role="note">
        <strong>Live.</strong> Sends go to your Genesys Cloud org ({data.region}).
      </p>
    );
  }
  return (
    <p className="wb-banner" role="note" data-testid="sandbox-banner">
      <strong>Sandbox mode.</strong> Sends go to the built-in Genesys Cloud simulator, not to a real org. Set GENESYS_CLIENT_ID
      and GENESYS_CLIENT_SECRET on the server to go live.
    </p>
  );
}
