import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passesLuhn } from './luhn.js';
import { PII_KINDS, SECRET_KINDS, type SensitiveKind } from './sensitive-kinds.js';
import { redactDetections, SensitiveTextScanner } from './sensitive-text-scanner.js';

const all = new SensitiveTextScanner([...SECRET_KINDS, ...PII_KINDS]);

function kindsIn(text: string): [SensitiveKind, string][] {
  return all.find(text).map(({ kind, start, end }) => [kind, text.slice(start, end)]);
}

const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----';

const found: [SensitiveKind, string][] = [
  ['openai_key', 'sk-proj-Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789'],
  ['openai_key', 'sk-Ab3dEfGhIjKlMnOpQrStUv'],
  ['anthropic_key', 'sk-ant-api03-Ab3dEfGhIjKlMnOpQrStUvWxYz_0123456789-AA'],
  ['aws_access_key', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws_access_key', 'ASIAY34FZKBOKMUTVV7A'],
  ['github_token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github_token', 'gho_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github_token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
  ['google_api_key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
  ['slack_token', 'xoxb-1234567890-0987654321-AbCdEfGhIjKl'],
  ['stripe_key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['private_key', PEM],
  ['credit_card', '4111 1111 1111 1111'],
  ['credit_card', '5500-0000-0000-0004'],
  ['credit_card', '378282246310005'],
  ['email', 'jane.doe+ai@mail.example.co.uk'],
  ['phone', '+44 20 7946 0958'],
  ['phone', '+1 (415) 555-2671'],
  ['phone', '(415) 555-2671'],
  ['phone', '415-555-2671'],
];

describe('SensitiveTextScanner', () => {
  for (const [kind, text] of found) {
    it(`finds ${kind}: ${text.slice(0, 24).replaceAll('\n', ' ')}…`, () => {
      assert.deepEqual(kindsIn(`before ${text} after`), [[kind, text]]);
    });
  }

  const clean: [what: string, text: string][] = [
    ['prose with sk- words', 'we use sk-learn-compatible-estimators-and-more for risk-based scoring'],
    ['a card number failing Luhn', 'order 4111 1111 1111 1112 shipped'],
    ['a long id of digits', 'trace 12345678901234567890123 ok'],
    ['dates, times, versions and amounts', 'on 2024-01-15 at 12:30:45, v1.2.3, $1,234,567.89, 3.14159265358979'],
    ['an @-mention and a decorator', '@here thanks @Injectable() done, user@localhost'],
    ['an AWS-like word that is too short', 'AKIA1234 is not a key'],
    ['a truncated JWT', 'eyJhbGciOiJIUzI1NiJ9 alone'],
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----'],
    ['digits inside a word', 'id abc4111111111111111xyz'],
  ];
  for (const [what, text] of clean) {
    it(`finds nothing in ${what}`, () => assert.deepEqual(kindsIn(text), []));
  }

  it('finds only the kinds it was built for', () => {
    const emails = new SensitiveTextScanner(['email']);
    assert.deepEqual(
      emails.find('sk-proj-Ab3dEfGhIjKlMnOpQrStUvWxYz0123 jo@example.com').map(({ kind }) => kind),
      ['email'],
    );
  });

  it('finds several in order without overlap, and redacts each with a typed placeholder', () => {
    const text = 'key=AKIAIOSFODNN7EXAMPLE mail jo@example.com,card 4111111111111111.';
    const detections = all.find(text);
    assert.equal(redactDetections(text, detections), 'key=[REDACTED:aws_access_key] mail [REDACTED:email],card [REDACTED:credit_card].');
  });

  it('redacts a private key whose END line is missing up to the end of its body', () => {
    const text = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nthe rest: ok';
    assert.equal(redactDetections(text, all.find(text)), '[REDACTED:private_key]: ok');
  });

  it('scans a 100 KB adversarial text in linear time (no catastrophic backtracking)', () => {
    const bodies = [
      'a'.repeat(100_000),
      '1'.repeat(100_000),
      '1 '.repeat(50_000),
      'sk-'.repeat(33_000),
      'eyJ'.repeat(33_000),
      'eyJaaaaaaaaa.'.repeat(7_700),
      '@a.'.repeat(33_000),
      'a@'.repeat(50_000),
      `@${'a.'.repeat(50_000)}`,
      '-----BEGIN PRIVATE KEY-----'.repeat(3_700),
      '+1'.repeat(50_000),
      '(415) '.repeat(16_000),
      'x'.repeat(64) + '@'.repeat(100_000),
    ];
    for (const body of bodies) {
      const started = process.hrtime.bigint();
      all.find(body);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Linear scans of 100 KB take a few milliseconds even on a loaded machine; a quadratic one takes seconds.
      assert.ok(ms < 250, `${JSON.stringify(body.slice(0, 12))}…: ${ms.toFixed(1)} ms`);
    }
  });
});

describe('passesLuhn', () => {
  it('accepts valid card numbers and refuses a changed digit', () => {
    for (const number of ['4111111111111111', '5500000000000004', '378282246310005', '6011111111111117', '79927398713']) {
      assert.ok(passesLuhn(number), number);
    }
    for (const number of ['4111111111111112', '5500000000000005', '79927398710']) assert.ok(!passesLuhn(number), number);
  });
});
