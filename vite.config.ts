import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './scripts/csp-plugin';

export default defineConfig({
  plugins: [react(), cspPlugin()],
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
