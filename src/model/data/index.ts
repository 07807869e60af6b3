// The data layer: integrity of stored data under faults (corrupted writes, lossy migrations) and repairs by hand.
// It reaches apps and services only through the write sources the runner gives it, never through imports.
export type { CorruptionSource, CorruptWritesFault, DataAction, DataFault, DataOwnerKind, FixPartnerFormatAction, MigrationFault, RemoveNodeAction, RepairRecordsAction } from "./config.js";
export { DATA_ACTIONS, DATA_FAULT_TYPES } from "./config.js";
export { DataModel, formatCount, formatDuration, type DataModelInputs, type WriteSource } from "./data-model.js";
export { failedCopiesOf, planMigration, recopyOf, MAX_RECOPY_PASSES, type MigrationPlan } from "./migration-plan.js";
export { corruptedOf, writesBetween, type ServedSharePoint, type WriteRatePoint } from "./written.js";
export { checkDataAction, checkDataEvent, checkDataFault, type DataKnownIds, type KnownDataFault } from "./checks.js";
