import type { BotControl, StatusReport } from '../control.js';
import type { ComponentHealth, HealthProbe } from './ports.js';

export interface SystemStatus {
  ready: boolean;
  /** Exactly what GET /healthz names: discord, database, brokers, quoteFeed, bot, mode. */
  components: Record<string, ComponentHealth>;
  /** Components whose state is not a healthy one. */
  degraded: string[];
  bot: StatusReport;
}

/** States that mean a component works (or is deliberately off). */
const HEALTHY = new Set(['ok', 'connected', 'running', 'stopped', 'disabled', 'paper', 'live', 'concurrent']);

/** /status: the health report behind /healthz plus the bot's own counts, from one probe. */
export async function systemStatus(probe: HealthProbe, control: Pick<BotControl, 'status'>): Promise<SystemStatus> {
  const [health, bot] = await Promise.all([probe(), control.status()]);
  const degraded = Object.entries(health.components).filter(([, c]) => !HEALTHY.has(c.state)).map(([name]) => name);
  return { ready: health.ready, components: health.components, degraded: health.ready ? degraded : ['startup', ...degraded], bot };
}
