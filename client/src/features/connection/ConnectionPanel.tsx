import { useConnection } from '../../api/queries.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';

/** Where the server sends: mode, region, masked OAuth client, token check, the bot and the guest deployment. */
export default function ConnectionPanel() {
  const { data, error, isFetching, refetch } = useConnection();
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p role="status">Checking the connection…</p>;
  return (
    <div className="wb-connection">
      <dl className="wb-facts">
        <dt>Mode</dt>
        <dd>{data.mode === 'sandbox' ? 'Sandbox (simulated Genesys Cloud)' : 'Live Genesys Cloud org'}</dd>
        <dt>Region</dt>
        <dd>{data.region}</dd>
        <dt>OAuth client id</dt>
        <dd>
          <code>{data.clientId ?? 'not set'}</code>
        </dd>
        <dt>Token</dt>
        <dd data-testid="token-status" className={data.token.ok ? 'ok' : 'bad'}>
          {data.token.ok ? 'OK: the client credentials grant works' : `Failing: ${data.token.error ?? 'unknown error'}`}
          {data.token.hint ? ` — ${data.token.hint}` : ''}
          {data.token.lastSucceededAt !== undefined && (
            <span data-testid="token-last-ok">
              {' '}
              (last succeeded: {data.token.lastSucceededAt ? new Date(data.token.lastSucceededAt).toLocaleString() : 'never since the server started'})
            </span>
          )}
        </dd>
        <dt>Bot Connector bot</dt>
        <dd>
          {data.botConnector.botName} (<code>{data.botConnector.botId}</code>, version {data.botConnector.botVersion}); Genesys calls{' '}
          <code>{`{this server}${data.botConnector.path}`}</code> with header <code>{data.botConnector.secretHeader}</code>
        </dd>
        <dt>Guest deployment</dt>
        <dd>
          {data.guest.configured ? (
            <>
              <code>{data.guest.deploymentId}</code>
              {data.guest.origin ? ` (origin ${data.guest.origin})` : ''}
            </>
          ) : (
            'Not configured: set MESSENGER_DEPLOYMENT_ID to start test conversations'
          )}
        </dd>
        <dt>Send rate</dt>
        <dd>{data.sendRate.perMinute} calls per minute</dd>
        <dt>Analytics webhook</dt>
        <dd>
          {data.analyticsWebhook.configured
            ? `${data.analyticsWebhook.delivered} delivered, ${data.analyticsWebhook.pending} pending, ${data.analyticsWebhook.dead} failed`
            : 'Not configured'}
        </dd>
      </dl>
      <button type="button" disabled={isFetching} onClick={() => void refetch()}>
        {isFetching ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
