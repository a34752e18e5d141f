export { type BadRow, type BadRowReason, type CsvOptions, defaultNullTokens } from './csv-options';
export { type CsvEncoding, csvEncodings } from './decode-input';
export { type CsvDialect, detectCsvDialect } from './detect-csv-dialect';
export { type CsvParseOutput, parseCsv } from './parse-csv';
export { type CsvSource, type CsvStreamOptions, parseCsvStream } from './parse-csv-stream';
export { type WriteCsvOptions, writeCsv, writeCsvChunks } from './write-csv';
