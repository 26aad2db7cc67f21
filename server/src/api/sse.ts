import type { Request, Response } from 'express';

/**
 * Server-Sent Events: sends `snapshot()` now and again after each change notification
 * (coalesced), with a comment heartbeat so proxies keep the stream open. Clients that cannot
 * use EventSource poll the plain GET route instead.
 */
export function streamSnapshots(
  req: Request,
  res: Response,
  snapshot: () => unknown,
  subscribe: (onChange: () => void) => () => void,
  heartbeatMs = 15_000,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  let seq = 0;
  let scheduled = false;
  const push = () => {
    scheduled = false;
    const data = snapshot();
    if (data === undefined) {
      res.write(`event: gone\ndata: {}\n\n`);
      return;
    }
    seq++;
    res.write(`id: ${seq}\nevent: snapshot\ndata: ${JSON.stringify(data)}\n\n`);
  };
  res.write('retry: 2000\n\n');
  push();
  const unsubscribe = subscribe(() => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(push);
  });
  const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  beat.unref();
  req.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}
