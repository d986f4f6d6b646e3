export { backoffDelayMs, type RandomSource } from './backoff.js';
export { CircuitBreaker, type BreakerPass, type BreakerSnapshot, type BreakerState, type BreakerVerdict } from './circuit-breaker.js';
export { ProviderResilience, SYSTEM_CLOCK, breakerOpenError, type ResilienceClock, type ResilientCall } from './provider-resilience.js';
export { ResilienceModule } from './resilience.module.js';
export { retryAfterMs } from './retry-after.js';
export { decideRetry, isRetryableFailure, type AttemptReplay, type RetryDecision, type RetryQuestion } from './retry-decision.js';
export { breakerVerdict, classifyFailure, type UpstreamFailure } from './upstream-failure.js';
