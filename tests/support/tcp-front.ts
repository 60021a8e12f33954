/**
 * A small TCP front for the scale-out tests, standing in for a load balancer: each new connection
 * goes to the first backend that accepts it, in order, so when one instance is killed its clients'
 * reconnects land on the next. Nothing is sticky; bytes are piped as they are (HTTP, WebSocket).
 */
import net from 'node:net';

export interface TcpFront {
  url: string;
  port: number;
  /** The backends, tried in this order for each new connection; change it at any time. */
  backends: { host: string; port: number }[];
  /** How many connections each backend port got. */
  counts: Map<number, number>;
  close(): Promise<void>;
}

export function backendOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

export async function startTcpFront(backends: { host: string; port: number }[]): Promise<TcpFront> {
  const sockets = new Set<net.Socket>();
  const counts = new Map<number, number>();
  const front: TcpFront = { url: '', port: 0, backends: [...backends], counts, close: async () => undefined };

  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const candidates = [...front.backends];
    const tryNext = () => {
      const backend = candidates.shift();
      if (!backend) return client.destroy();
      const upstream = net.connect(backend.port, backend.host);
      const onError = () => {
        upstream.destroy();
        tryNext();
      };
      upstream.once('error', onError);
      upstream.once('connect', () => {
        upstream.off('error', onError);
        counts.set(backend.port, (counts.get(backend.port) ?? 0) + 1);
        sockets.add(upstream);
        upstream.once('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryNext();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  front.port = (server.address() as net.AddressInfo).port;
  front.url = `http://127.0.0.1:${front.port}`;
  front.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return front;
}
