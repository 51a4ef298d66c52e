import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { KmsError } from './errors.js';
import { ClientGone, readBody } from './gateway-request.js';
import type { MockAdmin } from './types.js';

/**
 * A small JSON admin endpoint on 127.0.0.1 so `kms-codemod mock <subcommand>` can drive a running
 * mock. Every call needs the token the mock wrote to mock.json (mode 0600).
 */
export const ADMIN_TOKEN_HEADER = 'x-kms-codemod-admin-token';

export function createAdminServer(admin: MockAdmin, token: string): Server {
  return createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    };
    const given = Buffer.from(String(req.headers[ADMIN_TOKEN_HEADER] ?? ''));
    const want = Buffer.from(token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      reply(401, {
        error: `missing or wrong ${ADMIN_TOKEN_HEADER}; read adminToken from the mock's mock.json`,
      });
      return;
    }
    try {
      const raw = await readBody(req, 1024 * 1024);
      const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      const ids = () => {
        if (!Array.isArray(body.keyIds) || !body.keyIds.every((k) => typeof k === 'string')) {
          throw new Error('body.keyIds must be an array of key ids');
        }
        return body.keyIds as string[];
      };
      switch (req.url) {
        case '/create-key': {
          // Only the documented attributes; key material never comes in over the wire.
          const { material: _ignored, ...spec } = body;
          reply(200, admin.createKey(spec));
          return;
        }
        case '/create-secret':
          admin.createSecret(String(body.name ?? ''), String(body.value ?? ''));
          reply(200, { ok: true });
          return;
        case '/move-keys':
          admin.moveKeys(ids());
          reply(200, { ok: true });
          return;
        case '/close-gateway':
          admin.closeGateway(ids());
          reply(200, { ok: true });
          return;
        case '/counts':
          reply(200, admin.callCounts());
          return;
        case '/reset-counts':
          admin.resetCounts();
          reply(200, { ok: true });
          return;
        case '/set-qps':
          if (body.face !== 'gateway' && body.face !== 'instance')
            throw new Error('body.face must be gateway or instance');
          if (typeof body.qps !== 'number')
            throw new Error(
              `body.qps must be a number >= 0 (0 = unlimited), got ${JSON.stringify(body.qps)}`,
            );
          admin.setQps(body.face, body.qps);
          reply(200, { ok: true });
          return;
        default:
          reply(404, { error: `unknown admin path ${req.url}` });
      }
    } catch (err) {
      if (err instanceof ClientGone) return;
      const status = err instanceof KmsError ? err.status : 400;
      reply(status, { error: (err as Error).message, code: (err as { code?: string }).code });
    }
  });
}
