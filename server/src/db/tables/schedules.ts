/** Tables of migration with schedules: their Kysely types, merged into `Database`. */
export type SchedulesTables = Record<never, never>;
