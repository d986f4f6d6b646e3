// JSON Schema (as clients and pydantic write it) → the OpenAPI subset Gemini accepts for function parameters and
// responseSchema: references inlined, null unions turned into `nullable`, keywords Gemini rejects removed.
import { GatewayError } from '@modelgate/core';
import type { GeminiSchema } from './wire.js';

type Json = Record<string, unknown>;

const NUMBER_FORMATS = new Set(['int32', 'int64', 'float', 'double']);
const STRING_FORMATS = new Set(['enum', 'date-time']);
const MAX_DEPTH = 32;

interface Context {
  root: Json;
  /** `$ref`s being expanded on the current path: a repeat is a recursive schema, which Gemini cannot express. */
  expanding: string[];
  where: string;
  provider: string;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refused(ctx: Context, why: string): GatewayError {
  return GatewayError.badRequest(`${ctx.where}: ${why}; provider '${ctx.provider}' (Gemini) cannot express it`, { param: ctx.where });
}

function resolveRef(ref: string, ctx: Context): Json {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const defs = match ? ctx.root[match[1]!] : undefined;
  const target = match && isObject(defs) ? defs[decodeURIComponent(match[2]!).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isObject(target)) throw refused(ctx, `$ref '${ref}' does not point into $defs or definitions`);
  return target;
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && (value.type === 'null' || (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null'));
}

/** Merges `allOf` members (pydantic wraps a described `$ref` in a one-member allOf). */
function mergeAllOf(members: Json[]): Json {
  const merged: Json = {};
  for (const member of members) {
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties' && isObject(merged.properties) && isObject(value)) merged.properties = { ...merged.properties, ...value };
      else if (key === 'required' && Array.isArray(merged.required) && Array.isArray(value))
        merged.required = [...merged.required, ...value];
      else merged[key] = value;
    }
  }
  return merged;
}

function convert(input: Json, ctx: Context, depth: number): GeminiSchema {
  if (depth > MAX_DEPTH) throw refused(ctx, 'the schema nests too deeply');
  if (typeof input.$ref === 'string') {
    const ref = input.$ref;
    if (ctx.expanding.includes(ref)) throw refused(ctx, `recursive $ref '${ref}'`);
    const { $ref: _ref, ...siblings } = input;
    ctx.expanding.push(ref);
    const out = convert({ ...resolveRef(ref, ctx), ...siblings }, ctx, depth + 1);
    ctx.expanding.pop();
    return out;
  }
  if (Array.isArray(input.allOf)) {
    const { allOf, ...rest } = input;
    return convert(mergeAllOf([...allOf.filter(isObject), rest]), ctx, depth + 1);
  }
  const union = Array.isArray(input.anyOf) ? input.anyOf : Array.isArray(input.oneOf) ? input.oneOf : undefined;
  if (union) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = input;
    const branches = union.filter((branch) => !isNullSchema(branch)).filter(isObject);
    const nullable = branches.length < union.length || rest.nullable === true;
    if (branches.length === 1) {
      const single = convert({ ...rest, ...branches[0]! }, ctx, depth + 1);
      if (typeof rest.description === 'string') single.description = rest.description;
      return nullable ? { ...single, nullable: true } : single;
    }
    const out = convert(rest, ctx, depth + 1);
    delete out.type;
    out.anyOf = branches.map((branch) => convert(branch, ctx, depth + 1));
    if (nullable) out.nullable = true;
    return out;
  }
  return convertPlain(input, ctx, depth);
}

function convertType(input: Json, out: GeminiSchema): void {
  if (typeof input.type === 'string' && input.type !== 'null') out.type = input.type;
  else if (Array.isArray(input.type)) {
    const types = input.type.filter((type): type is string => typeof type === 'string' && type !== 'null');
    if (types.length < input.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
  } else if (input.const !== undefined) out.type = typeof input.const === 'string' ? 'string' : typeof input.const;
}

function convertPlain(input: Json, ctx: Context, depth: number): GeminiSchema {
  const out: GeminiSchema = {};
  convertType(input, out);
  const type = out.type;
  if (typeof input.description === 'string') out.description = input.description;
  if (input.nullable === true) out.nullable = true;
  if (typeof input.format === 'string' && (type === 'string' ? STRING_FORMATS : NUMBER_FORMATS).has(input.format))
    out.format = input.format;
  const values = Array.isArray(input.enum) ? input.enum : input.const !== undefined ? [input.const] : undefined;
  if (values && values.every((value) => typeof value === 'string')) {
    out.type = 'string';
    out.enum = values;
  }
  if (type === 'string') {
    for (const key of ['minLength', 'maxLength', 'pattern']) if (input[key] !== undefined) out[key] = input[key];
  }
  if (type === 'number' || type === 'integer') {
    for (const key of ['minimum', 'maximum']) if (typeof input[key] === 'number') out[key] = input[key];
  }
  if (type === 'array' || input.items !== undefined) {
    if (isObject(input.items)) out.items = convert(input.items, ctx, depth + 1);
    for (const key of ['minItems', 'maxItems']) if (typeof input[key] === 'number') out[key] = input[key];
  }
  if (isObject(input.properties)) {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(input.properties)) {
      if (isObject(property)) properties[name] = convert(property, ctx, depth + 1);
    }
    out.type ??= 'object';
    out.properties = properties;
    if (Array.isArray(input.required)) {
      const required = input.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) out.required = [...new Set(required)];
    }
  }
  return out;
}

/**
 * `where` names the request field for error messages (`tools[0].function.parameters`). Throws a 400 GatewayError
 * for schemas Gemini cannot express (recursive or dangling references).
 */
export function toGeminiSchema(schema: unknown, where: string, provider: string): GeminiSchema {
  if (!isObject(schema)) throw GatewayError.badRequest(`${where} must be a JSON Schema object`, { param: where });
  return convert(schema, { root: schema, expanding: [], where, provider }, 0);
}

/** True when the schema describes an object with no properties (Gemini rejects such function parameters). */
export function isEmptyObjectSchema(schema: GeminiSchema): boolean {
  return schema.type === 'object' && (!isObject(schema.properties) || Object.keys(schema.properties).length === 0);
}
