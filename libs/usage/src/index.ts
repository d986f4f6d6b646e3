export { UsageModule } from './usage.module.js';
export { UsageRecorder, type UsageHealth } from './usage-recorder.service.js';
export { UsageCostSource, type UsageCost } from './usage-cost-source.js';
