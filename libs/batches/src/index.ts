export { BatchesModule } from './batches.module.js';
export { BatchesService, type BatchPage } from './batches.service.js';
export { MAX_BATCH_ITEMS, type BatchCreateBody, type RequestedBatchItem } from './batch-create-request.js';
export { DEFAULT_BATCH_PAGE, MAX_BATCH_PAGE } from './batch-list-query.js';
export { TERMINAL_STATUSES } from './gateway-batch.js';
