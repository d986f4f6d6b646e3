/** One call of a provider instance on behalf of a request; a request that was retried or failed over has several. */
export interface AttemptRecord {
  /** Provider instance (`openai-east`). */
  provider: string;
  providerType: string;
  /** The provider-local model sent upstream. */
  model: string;
  /** The upstream's HTTP status; undefined when none answered (unreachable, timed out, refused by a policy). */
  status: number | undefined;
  /** The error the attempt ended with (GatewayError type and message); undefined when it served. */
  errorType: string | undefined;
  errorMessage: string | undefined;
  durationMs: number;
  /** Streams: to the first upstream frame; otherwise to the upstream's response headers. */
  timeToFirstByteMs: number | undefined;
  startedAt: Date;
}

/** A request served by a failover candidate rather than routing's choice (GoModel's audit `data.failover`). */
export interface FailoverRecord {
  /** The candidate that served, as `instance/model`. */
  targetModel: string;
  /** Provider instance of that candidate. */
  provider: string;
  /** Its place in the plan: 1 is the first candidate after routing's choice. */
  candidateIndex: number;
}
