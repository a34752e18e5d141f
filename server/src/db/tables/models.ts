/** Tables of migration with models: their Kysely types, merged into `Database`. */
export type ModelsTables = Record<never, never>;
