/** Tables of migration with endpoints: their Kysely types, merged into `Database`. */
export type EndpointsTables = Record<never, never>;
