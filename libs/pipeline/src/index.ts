export { PipelineModule, type PipelineOptions } from './pipeline.module.js';
export { ModelCallPipeline } from './model-call-pipeline.service.js';
export type { AttemptReplay, Candidate, CandidateCall, ModelCall, ModelCallPlan, ModelCallWire } from './model-call.js';
export {
  MODEL_CALL_POLICIES,
  type AdmissionPolicy,
  type AttemptPolicy,
  type AttemptScope,
  type CallOutcome,
  type LookupPolicy,
  type ModelCallPolicy,
  type ObservePolicy,
  type PolicyAnswer,
  type RewritePolicy,
} from './model-call-policy.js';
export { StreamChunk } from './stream-chunk.js';
export { shouldFailOver } from './should-fail-over.js';
