import type { CloseDeps } from '../../app/trading/close.js';
import type { StopMoveDeps } from '../../app/trading/stop-move.js';
import type { CommandContext } from './command-types.js';

/** The app's clock (injected at start; tests may replace it), which the context carries with the webhook deps. */
export function appNowMs(ctx: CommandContext): number {
  return ctx.webhooks.clock.nowMs();
}

/** What the desk's user actions need (/close, Close on /positions, /move-stop): the desk, the audit log and the app clock. */
export function deskDeps(ctx: CommandContext): CloseDeps & StopMoveDeps {
  return { desk: ctx.desk, audit: ctx.stores.audit, clock: ctx.webhooks.clock };
}
