import { createServer } from 'http';
import { AddressInfo } from 'net';
import { formatListenAddress, parseListenAddress, serveEndpoints } from '../../src/runtime/http-endpoints';

describe('listen addresses', () => {
  test.each([
    [':8080', { host: '', port: 8080 }],
    ['0.0.0.0:9090', { host: '0.0.0.0', port: 9090 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['[::1]:8081', { host: '::1', port: 8081 }],
  ])('%s', (text, address) => {
    expect(parseListenAddress(text)).toEqual(address);
    expect(formatListenAddress(address)).toBe(text);
  });
  test.each(['8080', ':', ':99999', 'host:port', '::1:80', 'a:b:80'])('refuses %j', (text) =>
    expect(parseListenAddress(text)).toBeUndefined(),
  );
});

async function get(port: number, path: string, method = 'GET') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('serveEndpoints', () => {
  let healthy = true;
  let ready = false;
  const handlers = {
    health: () => (healthy ? { ok: true } : { ok: false, reason: 'stalled' }),
    readiness: () => (ready ? { ok: true } : { ok: false, reason: 'caches not synced yet' }),
    metrics: () => Promise.resolve({ contentType: 'text/plain; version=0.0.4', body: 'm 1\n' }),
  };

  test('probes and metrics on their own ports; each answers only its paths', async () => {
    const endpoints = await serveEndpoints({ host: '127.0.0.1', port: 0 }, { host: '127.0.0.1', port: 0 }, handlers);
    const m = endpoints.metricsAddress.port;
    const h = endpoints.healthAddress.port;
    expect(m).not.toBe(h);
    expect(await get(m, '/metrics')).toEqual({ status: 200, type: 'text/plain; version=0.0.4', body: 'm 1\n' });
    expect((await get(m, '/healthz')).status).toBe(404);
    expect(await get(h, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get(h, '/readyz')).toMatchObject({ status: 503, body: 'caches not synced yet\n' });
    ready = true;
    healthy = false;
    expect((await get(h, '/readyz?verbose')).status).toBe(200);
    expect(await get(h, '/healthz')).toMatchObject({ status: 503, body: 'stalled\n' });
    expect((await get(h, '/metrics')).status).toBe(404);
    expect((await get(h, '/readyz', 'POST')).status).toBe(404);
    await endpoints.close();
    await expect(fetch(`http://127.0.0.1:${h}/healthz`)).rejects.toThrow();
  });

  test('one address: one server answers all three', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const endpoints = await serveEndpoints({ host: '127.0.0.1', port }, { host: '127.0.0.1', port }, handlers);
    expect((await get(port, '/metrics')).status).toBe(200);
    expect((await get(port, '/readyz')).status).toBe(200);
    await endpoints.close();
  });

  test('an address in use is refused with the system error, and nothing stays open', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    await expect(
      serveEndpoints({ host: '127.0.0.1', port: 0 }, { host: '127.0.0.1', port }, handlers),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  });

  test('a failing metrics handler answers 500', async () => {
    const endpoints = await serveEndpoints(
      { host: '127.0.0.1', port: 0 },
      { host: '127.0.0.1', port: 0 },
      { ...handlers, metrics: async () => Promise.reject(new Error('collect failed')) },
    );
    expect(await get(endpoints.metricsAddress.port, '/metrics')).toMatchObject({
      status: 500,
      body: 'collect failed\n',
    });
    await endpoints.close();
  });
});
