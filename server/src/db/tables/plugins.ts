/** Tables of migration with plugins: their Kysely types, merged into `Database`. */
export type PluginsTables = Record<never, never>;
