// Managed API keys: the admin operations over AuthKeyStore, and the in-memory snapshot that request auth reads, so a
// request never waits on the database. The snapshot reloads every minute (other replicas' writes) and after each write.
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GatewayError, parseUserPath } from '@modelgate/core';
import { AuthKeyStore, type AuthKeyRow } from '@modelgate/storage';
import { hashAuthKeyToken, newAuthKeyToken, redactAuthKeyToken } from './auth-key-token.js';

const REFRESH_MS = 60_000;
/** Until a first load succeeds only the master key works on /v1, so retry sooner than the regular refresh. */
const RETRY_MS = 5_000;
/** The stores' column width. */
const MAX_NAME_LENGTH = 256;

/** A key as the admin API shows it (never the secret or its hash); times in ISO-8601. */
export interface AuthKeyView {
  id: string;
  name: string;
  description: string | null;
  user_path: string | null;
  redacted_value: string;
  enabled: boolean;
  /** Enabled and not expired: requests with it pass. */
  active: boolean;
  expires_at: string | null;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The answer to a create: the only time the secret is shown. */
export interface CreatedAuthKey extends AuthKeyView {
  value: string;
}

export interface CreateAuthKeyInput {
  name: string;
  description?: string;
  userPath?: string;
  expiresAt?: Date;
}

export function isExpired(key: AuthKeyRow, now: number): boolean {
  return key.expiresAt !== null && key.expiresAt.getTime() <= now;
}

export function toAuthKeyView(key: AuthKeyRow, now = Date.now()): AuthKeyView {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    user_path: key.userPath,
    redacted_value: key.redactedValue,
    enabled: key.enabled,
    active: key.enabled && !isExpired(key, now),
    expires_at: key.expiresAt?.toISOString() ?? null,
    deactivated_at: key.deactivatedAt?.toISOString() ?? null,
    created_at: key.createdAt.toISOString(),
    updated_at: key.updatedAt.toISOString(),
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function toExpiry(expiresAt: Date, now: number): Date {
  if (Number.isNaN(expiresAt.getTime())) {
    throw GatewayError.badRequest('expires_at is not a valid time; send RFC 3339, e.g. 2030-01-31T00:00:00Z', { param: 'expires_at' });
  }
  if (expiresAt.getTime() <= now) throw GatewayError.badRequest('expires_at must be in the future', { param: 'expires_at' });
  return expiresAt;
}

@Injectable()
export class AuthKeyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Auth');
  /** Every stored key by secret hash, deactivated ones too (they still switch auth on); undefined until loaded. */
  private keys: Map<string, AuthKeyRow> | undefined;
  /** Loads run one after another, so a load that read the table before a write cannot land after the write's own. */
  private loading: Promise<number> = Promise.resolve(0);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly store: AuthKeyStore) {}

  /** Waits for one load attempt; a database that is down is logged and retried, never a failed start-up. */
  async onApplicationBootstrap(): Promise<void> {
    await this.keepFresh();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The loaded keys by secret hash (SHA-256 hex), or undefined while no load has succeeded yet. */
  snapshot(): ReadonlyMap<string, AuthKeyRow> | undefined {
    return this.keys;
  }

  async create(input: CreateAuthKeyInput): Promise<CreatedAuthKey> {
    const now = Date.now();
    const name = input.name.trim();
    if (name === '') throw GatewayError.badRequest('name is required: give the key a name that says who uses it', { param: 'name' });
    if (name.length > MAX_NAME_LENGTH) throw GatewayError.badRequest(`name has at most ${MAX_NAME_LENGTH} characters`, { param: 'name' });
    const userPath =
      input.userPath === undefined || input.userPath.trim() === '' ? null : parseUserPath(input.userPath, 'user_path', 'user_path');
    const expiresAt = input.expiresAt === undefined ? null : toExpiry(input.expiresAt, now);
    const value = newAuthKeyToken();
    const key: AuthKeyRow = {
      id: randomUUID(),
      name,
      description: input.description?.trim() || null,
      userPath,
      redactedValue: redactAuthKeyToken(value),
      secretHash: hashAuthKeyToken(value),
      enabled: true,
      expiresAt,
      deactivatedAt: null,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    };
    await this.store.insert(key);
    this.logger.log(`created API key ${key.id} '${key.name}' (${key.redactedValue})`);
    await this.afterWrite((keys) => keys.set(key.secretHash, key));
    return { ...toAuthKeyView(key, now), value };
  }

  /** Newest first. */
  async list(): Promise<AuthKeyView[]> {
    const now = Date.now();
    return (await this.store.list()).map((key) => toAuthKeyView(key, now));
  }

  async get(id: string): Promise<AuthKeyView | null> {
    const key = await this.store.get(id);
    return key === null ? null : toAuthKeyView(key);
  }

  /** Disables the key for good; null for an unknown id. Deactivating twice keeps the first deactivation time. */
  async deactivate(id: string): Promise<AuthKeyView | null> {
    const key = await this.store.get(id);
    if (key === null) return null;
    if (!key.enabled) return toAuthKeyView(key);
    const now = new Date();
    if (!(await this.store.update(id, { enabled: false, deactivatedAt: now, updatedAt: now }))) return null;
    const deactivated: AuthKeyRow = { ...key, enabled: false, deactivatedAt: now, updatedAt: now };
    this.logger.log(`deactivated API key ${id} '${key.name}' (${key.redactedValue})`);
    await this.afterWrite((keys) => keys.set(deactivated.secretHash, deactivated));
    return toAuthKeyView(deactivated);
  }

  /** False for an unknown id. */
  async delete(id: string): Promise<boolean> {
    if (!(await this.store.delete(id))) return false;
    this.logger.log(`deleted API key ${id}`);
    await this.afterWrite((keys) => {
      for (const [hash, key] of keys) if (key.id === id) keys.delete(hash);
    });
    return true;
  }

  /** Reloads the snapshot from the store; resolves to the number of keys, rejects when the store fails. */
  refresh(): Promise<number> {
    const load = this.loading
      .catch(() => 0)
      .then(async () => {
        const rows = await this.store.list();
        this.keys = new Map(rows.map((key) => [key.secretHash, key]));
        return rows.length;
      });
    this.loading = load;
    return load;
  }

  /** The write is stored: reload, or if the database just failed, apply the change we know to the snapshot. */
  private async afterWrite(apply: (keys: Map<string, AuthKeyRow>) => void): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      if (this.keys !== undefined) apply(this.keys);
      this.logger.warn(`could not reload API keys after a change (${errorText(err)}); applied the change to the loaded keys`);
    }
  }

  /** Loads, then schedules the next load. Never rejects: the timer callback has no one to report to. */
  private async keepFresh(): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      const consequence =
        this.keys === undefined
          ? `retrying in ${RETRY_MS / 1000} s; until then /v1 accepts only the master key`
          : `keeping the ${this.keys.size} loaded`;
      this.logger.warn(`could not load API keys (${errorText(err)}); ${consequence}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.keepFresh(), this.keys === undefined ? RETRY_MS : REFRESH_MS).unref();
  }
}
