import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './scripts/csp-plugin';

// Cache names carry a format version: an app update that changes what a cache holds bumps it, and never
// reads (or silently drops) another version's entries. Model downloads themselves live in OPFS
// (workers/storage/), outside every service-worker cache.
const BUILTIN_MODELS_CACHE = 'overtone-builtin-models-v1';
const ORT_WASM_CACHE = 'overtone-ort-wasm-v1';

export default defineConfig({
  plugins: [
    react(),
    cspPlugin(),
    VitePWA({
      // A new version waits until every tab of the old one is closed: nothing is swapped under a running chat.
      registerType: 'prompt',
      injectRegister: 'script',
      // The icons and the manifest are precached through globPatterns below (once each).
      includeManifestIcons: false,
      manifest: {
        name: 'Overtone',
        short_name: 'Overtone',
        description: "OpenAI's gpt-oss in the browser on WebGPU, speaking Harmony natively. Works offline once a model is stored.",
        theme_color: '#111827',
        background_color: '#111827',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        cacheId: 'overtone',
        // The app shell, and ORT's JSPI wasm (Chromium, the browser that can run the big model). Model files
        // are never precached (they are downloaded on demand, hundreds of MB to GBs).
        globPatterns: ['**/*.{html,js,css,svg,png}', 'assets/ort-wasm-simd-threaded.jspi-*.wasm'],
        globIgnores: ['models/**', '**/*.map'],
        maximumFileSizeToCacheInBytes: 32 * 2 ** 20,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/models\//, /^\/harness/],
        runtimeCaching: [
          {
            // Built-in models: cached on first load. Their URLs carry the file's SHA-256 (?v=), so a rebuilt
            // model is a new entry and an app update never serves a stale one.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/models/'),
            handler: 'CacheFirst',
            options: { cacheName: BUILTIN_MODELS_CACHE, expiration: { maxEntries: 48 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // The other ORT build (asyncify: Safari, Firefox), cached the first time a browser uses it.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/assets\/ort-wasm-.*\.wasm$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: ORT_WASM_CACHE, expiration: { maxEntries: 4 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  resolve: {
    // transformers.js's ORT import goes through src/engine/ort-web.ts, which picks the JSPI or asyncify build.
    alias: [
      { find: /^onnxruntime-web\/webgpu$/, replacement: resolve(__dirname, 'src/engine/ort-web.ts') },
      { find: /^onnxruntime-web-asyncify$/, replacement: resolve(__dirname, 'node_modules/onnxruntime-web/dist/ort.webgpu.bundle.min.mjs') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: { input: { main: resolve(__dirname, 'index.html'), harness: resolve(__dirname, 'harness.html'), scripted: resolve(__dirname, 'scripted.html') } },
  },
});
