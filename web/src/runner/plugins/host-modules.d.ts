/** URLs of the modules plugin bundles import instead of their bare specifiers (see web/vite.config.ts). */
declare module 'virtual:causeway-plugin-host' {
  export const hostModuleUrls: Readonly<Record<string, string>>;
}
