import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { toGeminiSchema } from './gemini-schema.js';

/** What pydantic v2 writes for `class Order(BaseModel)` with a nested model, an enum, optionals and defaults. */
const PYDANTIC_ORDER = {
  $defs: {
    Address: {
      properties: {
        street: { title: 'Street', type: 'string' },
        zip: { anyOf: [{ pattern: '^[0-9]{5}$', type: 'string' }, { type: 'null' }], default: null, title: 'Zip' },
      },
      required: ['street'],
      title: 'Address',
      type: 'object',
      additionalProperties: false,
    },
    Status: { enum: ['open', 'shipped'], title: 'Status', type: 'string' },
  },
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  additionalProperties: false,
  properties: {
    id: { title: 'Id', type: 'integer', exclusiveMinimum: 0, minimum: 1 },
    status: { $ref: '#/$defs/Status', default: 'open' },
    shipping: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }], default: null, description: 'Where to ship' },
    billing: { allOf: [{ $ref: '#/$defs/Address' }], description: 'Billing address' },
    tags: { items: { type: 'string' }, title: 'Tags', type: 'array', examples: [['a']], uniqueItems: true },
    note: { type: ['string', 'null'], format: 'email', maxLength: 200 },
    quantity: { type: 'number', pattern: 'ignored-on-numbers', format: 'double' },
    kind: { const: 'order' },
    mixed: { type: ['string', 'integer'] },
  },
  required: ['id', 'status', 'ghost'],
  title: 'Order',
  type: 'object',
};

const ADDRESS = {
  type: 'object',
  properties: { street: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$', nullable: true } },
  required: ['street'],
};

describe('toGeminiSchema', () => {
  it('inlines $defs, collapses null unions to nullable and drops keywords Gemini rejects (pydantic model)', () => {
    assert.deepEqual(toGeminiSchema(PYDANTIC_ORDER, 'tools[0].function.parameters', 'gemini'), {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: 1 },
        status: { type: 'string', enum: ['open', 'shipped'] },
        shipping: { ...ADDRESS, description: 'Where to ship', nullable: true },
        billing: { ...ADDRESS, description: 'Billing address' },
        tags: { type: 'array', items: { type: 'string' } },
        note: { type: 'string', nullable: true, maxLength: 200 },
        quantity: { type: 'number', format: 'double' },
        kind: { type: 'string', enum: ['order'] },
        mixed: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      },
      required: ['id', 'status'],
    });
  });

  it('keeps a union of several non-null branches as anyOf, nullable when null was one of them', () => {
    const schema = {
      anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }, { type: 'null' }],
      description: 'x',
    };
    assert.deepEqual(toGeminiSchema(schema, 'p', 'gemini'), {
      description: 'x',
      anyOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'number' } } }],
      nullable: true,
    });
  });

  it('refuses a recursive schema with a 400 naming the field and the provider', () => {
    const tree = {
      $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
      $ref: '#/$defs/Node',
    };
    assert.throws(
      () => toGeminiSchema(tree, 'response_format.json_schema.schema', 'vertex'),
      (err: unknown) =>
        err instanceof GatewayError &&
        err.status === 400 &&
        err.message.includes("recursive $ref '#/$defs/Node'") &&
        err.message.includes("provider 'vertex'") &&
        err.param === 'response_format.json_schema.schema',
    );
  });

  it('refuses a $ref that points outside $defs', () => {
    assert.throws(() => toGeminiSchema({ $ref: 'https://example.com/s.json' }, 'p', 'gemini'), /does not point into \$defs/);
  });
});
