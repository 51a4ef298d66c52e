import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A forward proxy for the TLS run only. The mock's proxy tunnels to its own ports and nothing else,
 * so an SDK that sends instance calls through HTTPS_PROXY (Python's tea does, ignoring NO_PROXY)
 * could never reach the second instance and the TLS check would pass for the wrong reason. This
 * proxy tunnels CONNECTs for `target` (`127.0.0.1:<port>`) itself and hands every other request,
 * byte for byte, to the mock's proxy.
 */
export interface ProbeProxy {
  url: string;
  close(): Promise<void>;
}

export async function startProbeProxy(target: string, upstreamProxyUrl: string): Promise<ProbeProxy> {
  const upstream = new URL(upstreamProxyUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0 && head.length < 16 * 1024) return;
      client.off('data', onData);
      const firstLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const [method, authority] = firstLine.split(' ');
      const direct = method === 'CONNECT' && authority === target;
      const [host, port] = direct ? target.split(':') : [upstream.hostname, upstream.port];
      const server = connect(Number(port), host);
      sockets.add(server);
      server.on('close', () => sockets.delete(server));
      server.on('error', () => {
        client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      });
      server.on('connect', () => {
        if (direct) {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          const rest = head.subarray(end + 4);
          if (rest.length > 0) server.write(rest);
        } else {
          server.write(head);
        }
        client.pipe(server);
        server.pipe(client);
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
