// Keeps ModelCatalog's routing rules in step with the stores: virtual models (declared ones win) and model overrides are
// read at start-up, every minute (other replicas' writes) and after each admin write, so routing never waits on the
// database. A store that cannot be read leaves the last rules in place.
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModelsConfig } from '@modelgate/config';
import { ModelOverrideStore, VirtualModelStore } from '@modelgate/storage';
import { ModelCatalog } from '../model-catalog.service.js';
import { mergeVirtualModels, RoutingRules } from './routing-rules.js';

const REFRESH_MS = 60_000;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

@Injectable()
export class RoutingRulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Routing');
  /** Loads run one after another, so a load that read the tables before a write cannot land after the write's own. */
  private loading: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly virtualModels: VirtualModelStore,
    private readonly overrides: ModelOverrideStore,
    private readonly models: ModelsConfig,
  ) {}

  /** Waits for one load attempt; a database that is down is logged and retried, never a failed start-up. */
  async onApplicationBootstrap(): Promise<void> {
    await this.keepFresh();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Reads both stores and swaps the catalog's rules; resolves to how many of each were stored, rejects when a store
   * fails (the old rules stay).
   */
  refresh(): Promise<{ virtualModels: number; overrides: number }> {
    const load = this.loading
      .catch(() => undefined)
      .then(async () => {
        // MODEL_OVERRIDES_ENABLED=false: stored overrides are kept but neither read nor enforced.
        const [virtualModels, overrides] = await Promise.all([
          this.virtualModels.list(),
          this.models.overridesEnabled ? this.overrides.list() : Promise.resolve([]),
        ]);
        const merged = mergeVirtualModels(this.models.virtualModels, virtualModels);
        this.catalog.useRules(RoutingRules.of(merged, overrides, this.models.enabledByDefault, this.catalog.routingRules()));
        return { virtualModels: virtualModels.length, overrides: overrides.length };
      });
    this.loading = load;
    return load;
  }

  /** After an admin write: the write is stored, so a failed reload is only logged (the next one picks it up). */
  async afterWrite(): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.logger.warn(`could not reload virtual models and model overrides after a change (${errorText(err)}); retrying within a minute`);
    }
  }

  private async keepFresh(): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.logger.warn(`could not load virtual models and model overrides (${errorText(err)}); keeping the rules loaded before`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.keepFresh(), REFRESH_MS).unref();
  }
}
