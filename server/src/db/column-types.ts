import type { ColumnType } from 'kysely';

/** Timestamps are written by the database (`now()`) and read back as `Date`. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** int8: `connectDatabase` makes pg return numbers, as PGlite does. */
export type BigInt8 = ColumnType<number, number, number>;
/** bytea: a Buffer from pg, a Uint8Array from PGlite. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
export type Json = ColumnType<unknown, string, string>;
