/**
 * The reconciler's HTTP endpoints: `/healthz` (liveness), `/readyz` (readiness) and `/metrics`
 * (Prometheus). Metrics and probes listen on their own addresses, as controller-runtime's do (so
 * a NetworkPolicy can open one and not the other); given the same address, one server answers all
 * three. Addresses are `HOST:PORT`, `:PORT` (every interface) or `[IPv6]:PORT`.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

export interface ListenAddress {
  /** '' listens on every interface. */
  readonly host: string;
  readonly port: number;
}

/** `HOST:PORT`, `:PORT` or `[::1]:PORT`; undefined when it is none of these. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  if (m === null) return undefined;
  const port = Number(m[3]);
  if (port > 65_535) return undefined;
  return { host: m[1] ?? m[2] ?? '', port };
}

export function formatListenAddress(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** A probe's answer: healthy (or ready) or not, and why not. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly reason?: string;
}

export interface EndpointHandlers {
  readonly health: () => ProbeResult;
  readonly readiness: () => ProbeResult;
  readonly metrics: () => Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface RunningEndpoints {
  /** Where each listens (the port the system chose for port 0). */
  readonly metricsAddress: ListenAddress;
  readonly healthAddress: ListenAddress;
  close(): Promise<void>;
}

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** Starts listening; rejects (with the system's error, e.g. EADDRINUSE) when an address cannot be used. */
export async function serveEndpoints(
  metrics: ListenAddress,
  health: ListenAddress,
  handlers: EndpointHandlers,
): Promise<RunningEndpoints> {
  const probes: Record<string, Route> = {
    '/healthz': (_req, res) => probe(res, handlers.health()),
    '/readyz': (_req, res) => probe(res, handlers.readiness()),
  };
  const scrape: Record<string, Route> = {
    '/metrics': async (_req, res) => {
      const { contentType, body } = await handlers.metrics();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
    },
  };
  const same = metrics.host === health.host && metrics.port === health.port && metrics.port !== 0;
  const servers: Server[] = [];
  try {
    const metricsServer = await listen(metrics, same ? { ...probes, ...scrape } : scrape);
    servers.push(metricsServer);
    const healthServer = same ? metricsServer : await listen(health, probes);
    if (!same) servers.push(healthServer);
    return {
      metricsAddress: boundAddress(metricsServer, metrics),
      healthAddress: boundAddress(healthServer, health),
      close: () => Promise.all(servers.map(close)).then(() => undefined),
    };
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }
}

function probe(response: ServerResponse, result: ProbeResult): void {
  response.writeHead(result.ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(result.ok ? 'ok\n' : `${result.reason ?? 'not ok'}\n`);
}

function listen(address: ListenAddress, routes: Record<string, Route>): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = request.method === 'GET' || request.method === 'HEAD' ? routes[path] : undefined;
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
      return;
    }
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host === '' ? undefined : address.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function boundAddress(server: Server, asked: ListenAddress): ListenAddress {
  const info = server.address() as AddressInfo | null;
  return { host: asked.host, port: info?.port ?? asked.port };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Probes and scrapes keep connections alive; do not wait for them to time out.
    server.closeAllConnections();
  });
}
