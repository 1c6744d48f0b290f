import { describe, expect, test } from 'vitest';
import { MODELS } from '../models/manifest';
import { contentSecurityPolicy, cspDirectives, HUB_HOSTS, modelHosts, scriptHash } from './csp';

const directive = (policy: string, name: string): string[] =>
  policy.split('; ').find((d) => d.startsWith(name + ' '))?.split(' ').slice(1) ?? [];

describe('Content-Security-Policy', () => {
  test('built page: no inline script, no eval but WebAssembly, no remote code, network to self and model hosts only', () => {
    const p = contentSecurityPolicy();
    expect(directive(p, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive(p, 'style-src')).toEqual(["'self'"]);
    expect(directive(p, 'connect-src')).toEqual(["'self'", 'https://huggingface.co', 'https://*.hf.co']);
    expect(directive(p, 'worker-src')).toEqual(["'self'", 'blob:']);
    expect(directive(p, 'object-src')).toEqual(["'none'"]);
    expect(directive(p, 'base-uri')).toEqual(["'none'"]);
    expect(p).not.toMatch(/'unsafe-inline'|'unsafe-eval'|frame-ancestors/);
  });

  test('header adds frame-ancestors (ignored in <meta>); dev allows inline styles and hashed inline scripts only', () => {
    expect(directive(contentSecurityPolicy({ header: true }), 'frame-ancestors')).toEqual(["'none'"]);
    const dev = contentSecurityPolicy({ dev: true, scriptHashes: ["'sha256-abc='"] });
    expect(directive(dev, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]);
    expect(directive(dev, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test('model hosts come from the manifest: hub models need the hub; built-in ones only the app', () => {
    expect(modelHosts(MODELS)).toEqual([...HUB_HOSTS]);
    expect(modelHosts([{ source: { kind: 'builtin' } }])).toEqual([]);
    expect(directive(contentSecurityPolicy({ models: [{ source: { kind: 'builtin' } }] }), 'connect-src')).toEqual(["'self'"]);
    expect(cspDirectives().map(([name]) => name)).toContain('default-src');
  });

  test('script hashes are the sha256 CSP expects', async () => {
    // echo -n "alert('Hello, world.');" | openssl sha256 -binary | base64  (the CSP3 spec's example)
    expect(await scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});
