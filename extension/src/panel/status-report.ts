// The status endpoint's JSON: the one type generated from probe/status.schema.json (probe/status.d.ts).
// These types are what the schema guarantees after validation; see status-validation.ts.
export type { StatusConnection, StatusMemory, StatusReport, Source as StatusSource } from '../../../probe/status.js';
