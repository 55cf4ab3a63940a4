import type { HttpServer } from './server.js';
import { sendJson } from './server.js';

export type ComponentState = { state: string; [detail: string]: unknown };

export interface HealthReport {
  ready: boolean;
  components: Record<string, ComponentState>;
}

/** GET /healthz: 200 with every component's state once ready, 503 before (and after shutdown begins). */
export function registerHealth(server: HttpServer, report: () => Promise<HealthReport>): void {
  server.route('GET', '/healthz', async (_req, res) => {
    const health = await report();
    sendJson(res, health.ready ? 200 : 503, { status: health.ready ? 'ok' : 'starting', ...health.components });
  });
}
