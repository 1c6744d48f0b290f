// The page's Content-Security-Policy (issue 9 §6), as data: the built page carries it in a <meta> tag, the
// dev and preview servers send it as a header (scripts/csp-plugin.ts). No inline or remote script, no eval
// (only WebAssembly compilation, which ORT needs), workers from the app or blob: (ORT, the tool sandbox),
// and network access only to the app itself and the hosts the manifest's models download from.
import { MODELS, type ModelManifest } from '../models/manifest';

export const CSP_HEADER = 'Content-Security-Policy';

/**
 * Where a Hugging Face hub download goes: `https://huggingface.co/<repo>/resolve/<rev>/<file>` answers with a
 * redirect to a storage CDN, and CSP checks every URL of a redirect chain. The CDN host has moved three times
 * in two years (cdn-lfs*.huggingface.co and cdn-lfs-us-1.hf.co, then cas-bridge.xethub.hf.co, now
 * us.aws.cdn.hf.co / us.gcp.cdn.hf.co), always under hf.co; `*.hf.co` (any depth) covers them. Sources:
 * huggingface/hub-docs PR #2628 and #2647 (the hub's own allow-list for proxies and firewalls, 2026-07),
 * mlc-ai/web-llm PR #769 (CSP refusing cas-bridge.xethub.hf.co, 2026-02), yocreoquesi/nukebg PR #376 (a
 * resolve answering 302 to us.aws.cdn.hf.co, 2026-09).
 */
export const HUB_HOSTS = ['https://huggingface.co', 'https://*.hf.co'] as const;

/** The origins models in the manifest are downloaded from (built-in models come from the app itself). */
export function modelHosts(models: readonly Pick<ModelManifest, 'source'>[] = MODELS): string[] {
  return models.some((m) => m.source.kind === 'hub') ? [...HUB_HOSTS] : [];
}

export interface CspOptions {
  /** Dev server: Vite injects styles as <style> elements and React refresh needs its inline preamble. */
  dev?: boolean;
  /** sha256 sources for inline scripts that must run (dev: the React refresh preamble), `'sha256-…'`. */
  scriptHashes?: readonly string[];
  models?: readonly Pick<ModelManifest, 'source'>[];
  /** Directives that only work in a header (frame-ancestors): false for the <meta> tag. */
  header?: boolean;
}

export function cspDirectives(opts: CspOptions = {}): [string, string[]][] {
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...(opts.scriptHashes ?? [])]],
    // Built: CSS comes from files; React's style props go through CSSOM, which CSP does not restrict.
    ['style-src', opts.dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...modelHosts(opts.models)]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ...(opts.header ? ([['frame-ancestors', ["'none'"]]] as [string, string[]][]) : []),
  ];
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  return cspDirectives(opts)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** `'sha256-…'` of an inline script's exact text (what CSP hashes). */
export async function scriptHash(code: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}
