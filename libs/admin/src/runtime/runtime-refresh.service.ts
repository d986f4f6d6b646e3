// POST runtime/refresh: re-reads every provider's model list, the managed-key snapshot and the routing rules (aliases,
// model overrides), one refresh at a time.
import { Injectable } from '@nestjs/common';
import { AuthKeyService } from '@modelgate/auth';
import { ModelCatalog, RoutingRulesService } from '@modelgate/providers';

export type StepStatus = 'ok' | 'partial' | 'failed';

export interface RefreshStep {
  name: string;
  status: StepStatus;
  message: string;
  error: string | null;
  duration_ms: number;
}

export interface RefreshReport {
  status: StepStatus;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  model_count: number;
  provider_count: number;
  steps: RefreshStep[];
}

async function timed(name: string, run: () => Promise<Omit<RefreshStep, 'name' | 'duration_ms'>>): Promise<RefreshStep> {
  const started = performance.now();
  let outcome: Omit<RefreshStep, 'name' | 'duration_ms'>;
  try {
    outcome = await run();
  } catch (err) {
    outcome = { status: 'failed', message: `${name} refresh failed`, error: err instanceof Error ? err.message : String(err) };
  }
  return { name, ...outcome, duration_ms: Math.round(performance.now() - started) };
}

/** ok when every step is; failed when every step failed; partial otherwise. */
export function overallStatus(steps: RefreshStep[]): StepStatus {
  if (steps.every((step) => step.status === 'ok')) return 'ok';
  if (steps.every((step) => step.status === 'failed')) return 'failed';
  return 'partial';
}

@Injectable()
export class RuntimeRefreshService {
  /** Concurrent callers wait for the refresh before theirs, as GoModel's do. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly authKeys: AuthKeyService,
    private readonly routing: RoutingRulesService,
  ) {}

  refresh(): Promise<RefreshReport> {
    const report = this.running.catch(() => undefined).then(() => this.run());
    this.running = report;
    return report;
  }

  private async run(): Promise<RefreshReport> {
    const startedAt = new Date();
    const steps = [
      await timed('providers', async () => {
        await this.catalog.refreshAll();
        const failed = this.catalog.inventory().filter((inventory) => inventory.lastError !== undefined);
        const total = this.catalog.inventory().length;
        const status: StepStatus = failed.length === 0 ? 'ok' : failed.length === total ? 'failed' : 'partial';
        const error = failed.length === 0 ? null : failed.map((inventory) => `${inventory.name}: ${inventory.lastError}`).join('; ');
        return { status, message: `listed models of ${total - failed.length} of ${total} providers`, error };
      }),
      await timed('auth_keys', async () => {
        const count = await this.authKeys.refresh();
        return { status: 'ok', message: `loaded ${count} API keys`, error: null };
      }),
      ...(await this.routingSteps()),
    ];
    const finishedAt = new Date();
    const inventories = this.catalog.inventory();
    return {
      status: overallStatus(steps),
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
      model_count: inventories.reduce((sum, inventory) => sum + inventory.models.size, 0),
      provider_count: inventories.length,
      steps,
    };
  }

  /** GoModel's `aliases` and `model_overrides` steps, from one read of both stores. */
  private async routingSteps(): Promise<RefreshStep[]> {
    const started = performance.now();
    let counts: { virtualModels: number; overrides: number } | undefined;
    let error: string | null = null;
    try {
      counts = await this.routing.refresh();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const duration_ms = Math.round(performance.now() - started);
    const step = (name: string, loaded: string): RefreshStep =>
      counts === undefined
        ? { name, status: 'failed', message: `${name} refresh failed`, error, duration_ms }
        : { name, status: 'ok', message: loaded, error: null, duration_ms };
    return [
      step('aliases', `loaded ${counts?.virtualModels ?? 0} stored virtual models (aliases included)`),
      step('model_overrides', `loaded ${counts?.overrides ?? 0} model overrides`),
    ];
  }
}
