/** A configuration problem that stops start-up; the message names the variable and the rule, never a secret. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
