// Vite's `?worker&url` import: the URL of the built worker script (the runner's frame starts it by URL).
declare module '*?worker&url' {
  const url: string;
  export default url;
}
