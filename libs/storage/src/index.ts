export { StorageModule } from './storage.module.js';
export { UsageStore, type CostSource, type UsageFilter, type UsagePage, type UsageRow, type UsageSummary } from './stores/usage.store.js';
