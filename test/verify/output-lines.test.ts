import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLine, linesThatMatter, tlsErrorLine } from '../../src/verify/output-lines.js';

// Real stderr of the fixture apps' runs against a foreign-certificate instance (paths shortened).
const output = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'output', name), 'utf8');

describe('the lines of a failed run that matter', () => {
  it('a Python traceback becomes its exception lines', () => {
    const lines = linesThatMatter('read at 2026-12-06T17:47:38+00:00\n', output('python-tls.txt'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Tea\.exceptions\.UnretryableException: HTTPSConnectionPool/);
    expect(lines[1]).toMatch(/^aliyunsdkcore\.acs_exception\.exceptions\.ClientException: /);
    expect(lines.every((l) => l.length <= 240)).toBe(true);
  });

  it('a Java stack trace becomes its exception and Caused by lines, without JVM and SLF4J notices', () => {
    expect(linesThatMatter('', output('java-tls.txt'))).toEqual([
      'com.aliyuncs.exceptions.ClientException: com.aliyun.tea.TeaUnretryableException: PKIX path validation failed: java.security.cert.CertPathValidatorException: signature check failed',
      'Caused by: com.aliyun.tea.TeaUnretryableException: PKIX path validation failed: java.security.cert.CertPathValidatorException: signature check failed',
      'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: signature check failed',
    ]);
  });

  it('a Go panic keeps its message, not the goroutine dump', () => {
    expect(linesThatMatter('', output('go-panic.txt'))).toEqual([
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x5f1c2a]',
      'exit status 2',
    ]);
  });

  it('a Node error keeps its message, not the source excerpt, the stack or its properties', () => {
    expect(linesThatMatter('', output('node-tls.txt'))).toEqual([
      expect.stringMatching(
        /^KmsTransferError \[SDK.ServerUnreachableError\]: TLS verification of 127.0.0.1:39457 failed \(CERT_SIGNATURE_FAILURE\)/,
      ),
    ]);
  });

  it('falls back to stdout when stderr is empty, and keeps the last dozen of a long output', () => {
    expect(linesThatMatter('one\n\ntwo\n', '')).toEqual(['one', 'two']);
    const many = Array.from({ length: 30 }, (_, i) => `Error ${i}`).join('\n');
    const lines = linesThatMatter('', many);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('... (19 earlier lines)');
    expect(lines[11]).toBe('Error 29');
  });

  it('errorLine picks the last line that reads as an error', () => {
    expect(errorLine(['com.x.ClientException: InvalidParameter : bad', 'RequestId : 24f3'])).toBe(
      'com.x.ClientException: InvalidParameter : bad',
    );
    expect(errorLine(['just output'])).toBe('just output');
    expect(errorLine([])).toBeUndefined();
  });
});

describe('the TLS error a client reported', () => {
  it.each([
    [
      'python-tls.txt',
      /^\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: certificate signature failure \(_ssl\.c:1006\)$/,
    ],
    ['java-tls.txt', /^Caused by: javax\.net\.ssl\.SSLHandshakeException: PKIX path validation failed/],
    ['go-tls.txt', /^x509: certificate signed by unknown authority/],
    ['node-tls.txt', /^TLS verification of 127\.0\.0\.1:39457 failed \(CERT_SIGNATURE_FAILURE\)/],
  ])('%s', (name, want) => {
    expect(tlsErrorLine(output(name))).toMatch(want);
  });

  it('is undefined when the output names no TLS error, and ignores the JVM notice about the truststore', () => {
    expect(
      tlsErrorLine('Picked up JAVA_TOOL_OPTIONS: -Djavax.net.ssl.trustStore=/x.jks\nno records'),
    ).toBeUndefined();
  });
});
