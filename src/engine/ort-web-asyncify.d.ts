// vite.config.ts maps this name to onnxruntime-web's asyncify WebGPU bundle (the package does not export its path).
declare module 'onnxruntime-web-asyncify' {
  export * from 'onnxruntime-web';
}
