// The status endpoint's JSON: the one type generated from probe/status.schema.json (probe/status.d.ts).
// These types are what the schema guarantees after validation; see status-validation.ts.
export type { StatusConnection, StatusMemory, StatusReport } from '../../../probe/status.js';
