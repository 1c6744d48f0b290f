// Vite plugin: the Content-Security-Policy of src/security/csp.ts on every page. Built pages get a <meta>
// tag (first in <head>, before any script); `vite` and `vite preview` also send it as a header on every
// response, so same-origin workers, which never inherit a page's policy, get it too. In dev, React refresh
// needs one inline script: it is allowed by its exact sha256, not by 'unsafe-inline'.
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, CSP_HEADER, scriptHash } from '../src/security/csp';

/** The dev server's inline scripts: React refresh's preamble, as @vitejs/plugin-react injects it. */
export function devInlineScripts(base: string): string[] {
  return [react.preambleCode.replace('__BASE__', base)];
}

export function cspPlugin(): Plugin {
  return {
    name: 'overtone-csp',
    async config(user, { command }) {
      const hashes = command === 'serve' ? await Promise.all(devInlineScripts(user.base ?? '/').map(scriptHash)) : [];
      return {
        server: { headers: { [CSP_HEADER]: contentSecurityPolicy({ dev: true, scriptHashes: hashes, header: true }) } },
        preview: { headers: { [CSP_HEADER]: contentSecurityPolicy({ header: true }) } },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (ctx.server) return; // dev: the header carries it (with the preamble's hash)
        return [{ tag: 'meta', attrs: { 'http-equiv': CSP_HEADER, content: contentSecurityPolicy() }, injectTo: 'head-prepend' }];
      },
    },
  };
}
