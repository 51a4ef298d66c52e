import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { isKmsHost } from './kms-hosts.js';

/**
 * The forward proxy legacy apps reach through HTTP(S)_PROXY. It serves only the KMS gateway hosts
 * (absolute-form HTTP and CONNECT, whose TLS the gateway's HTTPS server terminates with the mock
 * CA) and tunnels to the mock's own loopback ports; everything else is refused, so no traffic
 * leaves the machine.
 */
export interface ProxyTargets {
  gatewayHandler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Receives CONNECTed sockets for TLS on port 443. */
  gatewayTls: Server;
  /** Receives CONNECTed sockets for plain HTTP on port 80. */
  gatewayPlain: Server;
  /** Loopback ports of the mock itself that CONNECT may reach (e.g. the instance face). */
  ownPorts: () => number[];
}

function refusal(host: string): string {
  return `kms-codemod mock proxy: refusing ${host}: only kms.<region>.aliyuncs.com and kms-vpc.<region>.aliyuncs.com (and the mock's own 127.0.0.1 ports) are served; no traffic leaves this machine.\n`;
}

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(authority);
  return { host: (m?.[1] ?? authority).toLowerCase(), port: m?.[2] ? Number(m[2]) : defaultPort };
}

export function createProxyServer(t: ProxyTargets): Server {
  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(
        'kms-codemod mock proxy: this is a forward proxy; send absolute-form requests (http://kms.<region>.aliyuncs.com/...) or CONNECT.\n',
      );
      return;
    }
    if (url.protocol !== 'http:' || !isKmsHost(url.hostname)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(refusal(url.host));
      return;
    }
    req.url = `${url.pathname}${url.search}`;
    req.headers.host = url.host;
    t.gatewayHandler(req, res);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const { host, port } = splitHostPort(req.url ?? '', 443);
    socket.on('error', () => socket.destroy());
    const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
    if (loopback && t.ownPorts().includes(port)) {
      const upstream = connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      return;
    }
    if (!isKmsHost(host) || (port !== 443 && port !== 80)) {
      const body = refusal(`${host}:${port}`);
      socket.end(
        `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
      if (head.length) socket.unshift(head);
      (port === 443 ? t.gatewayTls : t.gatewayPlain).emit('connection', socket);
    });
  });
  return server;
}
