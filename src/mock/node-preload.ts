import { writeFileAtomic } from './atomic-file.js';

/**
 * Node SDKs (pop-core, Tea) honour no proxy variables, so `env('node')` preloads this script with
 * NODE_OPTIONS=--require. It sends requests for kms[-vpc].<region>.aliyuncs.com to the mock's
 * gateway (keeping the Host header and TLS server name, so certificates are still checked against
 * NODE_EXTRA_CA_CERTS) and leaves every other request alone.
 */
export const PRELOAD_ENV = {
  http: 'KMS_CODEMOD_MOCK_GATEWAY_HTTP',
  https: 'KMS_CODEMOD_MOCK_GATEWAY_HTTPS',
} as const;

const SOURCE = `'use strict';
// Written by kms-codemod mock: redirects Alibaba Cloud KMS gateway hosts to the local mock.
const http = require('http');
const https = require('https');
const KMS_HOST = /^kms(-vpc)?\\.[a-z0-9-]+\\.aliyuncs\\.com$/i;
function target(secure) {
  const v = process.env[secure ? '${PRELOAD_ENV.https}' : '${PRELOAD_ENV.http}'];
  if (!v) return undefined;
  const i = v.lastIndexOf(':');
  return { host: v.slice(0, i), port: Number(v.slice(i + 1)) };
}
function patch(mod, secure) {
  const original = mod.request;
  function request(...args) {
    let url;
    let opts;
    let cb;
    if (typeof args[0] === 'string' || args[0] instanceof URL) {
      url = new URL(String(args[0]));
      opts = args[1] && typeof args[1] === 'object' ? args[1] : {};
      cb = typeof args[1] === 'function' ? args[1] : args[2];
    } else {
      opts = args[0] || {};
      cb = args[1];
    }
    const host = url ? url.hostname : String(opts.hostname || opts.host || '').replace(/:\\d+$/, '');
    const t = KMS_HOST.test(host) ? target(secure) : undefined;
    if (!t) return original.apply(mod, args);
    const merged = Object.assign({}, url ? { protocol: url.protocol, path: url.pathname + url.search } : {}, opts);
    const headers = Object.assign({}, merged.headers);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'host')) headers.host = host;
    merged.headers = headers;
    delete merged.host;
    merged.hostname = t.host;
    merged.port = t.port;
    if (secure) merged.servername = host;
    return original.call(mod, merged, cb);
  }
  mod.request = request;
  mod.get = function get(...args) {
    const req = request(...args);
    req.end();
    return req;
  };
}
patch(http, false);
patch(https, true);
`;

export function writeNodePreload(path: string): void {
  writeFileAtomic(path, SOURCE, 0o644);
}
