// What the built-in detectors find, each as one alternative of the scanner's single regular expression. Every
// alternative is either anchored by a literal prefix behind a token boundary (so it starts at most once per run of
// token characters) or built of bounded repetitions: a scan is linear in the text, whatever the text.

export const SECRET_KINDS = [
  'anthropic_key',
  'openai_key',
  'aws_access_key',
  'github_token',
  'google_api_key',
  'slack_token',
  'stripe_key',
  'jwt',
  'private_key',
] as const;
export const PII_KINDS = ['credit_card', 'email', 'phone'] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];
export type PiiKind = (typeof PII_KINDS)[number];
export type SensitiveKind = SecretKind | PiiKind;

/** Not preceded by a token character: a key starts where a word does. */
const TOKEN_START = '(?<![A-Za-z0-9_-])';
const TOKEN_END = '(?![A-Za-z0-9_-])';

export const KIND_PATTERNS: Readonly<Record<SensitiveKind, string>> = {
  anthropic_key: `${TOKEN_START}sk-ant-[A-Za-z0-9_-]{20,}`,
  // A digit somewhere in the body, so prose like `sk-learn-compatible-estimators` is not a key.
  openai_key: `${TOKEN_START}sk-(?:proj-|svcacct-|admin-)?(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}`,
  aws_access_key: `(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
  github_token: `${TOKEN_START}(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})${TOKEN_END}`,
  google_api_key: `${TOKEN_START}AIza[A-Za-z0-9_-]{35}${TOKEN_END}`,
  slack_token: `${TOKEN_START}xox[abposr]-[A-Za-z0-9-]{10,}`,
  stripe_key: `${TOKEN_START}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`,
  jwt: `${TOKEN_START}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}`,
  // The header only: the scanner finds the END line itself (a lazy `[\s\S]*?` would rescan the text per header).
  private_key: '-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----',
  // 13 to 19 digits, spaces or dashes between them, a major network's first digit; Luhn-checked by the scanner.
  credit_card: '(?<![A-Za-z0-9.+_-])[2-6](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9])',
  // The domain from the `@`; the scanner walks back over the local part (so no start is tried at every letter).
  email: '@(?:[A-Za-z0-9-]{1,63}\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])',
  // +<country> and 7 to 14 more digits, or a North American (555) 123-4567 / 555-123-4567.
  phone:
    '(?<![A-Za-z0-9+])\\+[1-9](?:[ .()-]{0,2}[0-9]){7,14}(?![0-9])|(?<![A-Za-z0-9+-])(?:\\([0-9]{3}\\)[ .-]?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}(?![A-Za-z0-9-])',
};

/** How an error names what it found. */
export const KIND_LABELS: Readonly<Record<SensitiveKind, string>> = {
  anthropic_key: 'an Anthropic API key',
  openai_key: 'an OpenAI API key',
  aws_access_key: 'an AWS access key',
  github_token: 'a GitHub token',
  google_api_key: 'a Google API key',
  slack_token: 'a Slack token',
  stripe_key: 'a Stripe API key',
  jwt: 'a JSON Web Token',
  private_key: 'a private key',
  credit_card: 'a payment card number',
  email: 'an e-mail address',
  phone: 'a phone number',
};
