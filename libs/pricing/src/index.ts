export { computeCost, type CostResult, type CostSource, type PriceLookup, type PriceMatch } from './compute-cost.js';
export { PricingModule } from './pricing.module.js';
export { PricingTable, readPriceTable } from './pricing-table.js';
