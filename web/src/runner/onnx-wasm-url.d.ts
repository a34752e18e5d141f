// Vite's `?url` import of a WebAssembly file: its URL in the build (hashed), or in node_modules in dev.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
