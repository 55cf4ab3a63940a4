import type { AppDeps, BotState, Log } from './ports.js';
import type { AdminPolicy } from './permissions.js';
import { BotControl } from './control.js';
import { SignalPipeline, type AlertExecutor, type PipelineConfig } from './pipeline.js';
import { openPositionsFor } from './trading/alert-targets.js';
import { TradingDesk, type DeskConfig, type LinkExitLookup } from './trading/desk.js';

export interface CoreConfig {
  pipeline: PipelineConfig;
  desk: DeskConfig;
  policy: AdminPolicy;
  defaults: Pick<BotState, 'running' | 'mode'>;
}

/** The transport-free core: the desk (engine, risk, journal), the signal pipeline, bot control. */
export interface TradingCore {
  desk: TradingDesk;
  pipeline: SignalPipeline;
  control: BotControl;
}

/** Build the core and bring it to the stored state: engine rebuilt from its journal, bot state loaded. */
export async function startTradingCore(deps: AppDeps, config: CoreConfig, log: Log,
  linkExits: LinkExitLookup | null = null): Promise<TradingCore> {
  const desk = new TradingDesk(deps, config.desk, log, linkExits);
  await desk.load();
  const executor: AlertExecutor = {
    executeAlert: (signal, alert, released) => desk.executeAlert(signal, alert, released),
    lastPrice: (symbol) => desk.lastPrice(symbol),
    openPositionsFor: (alert) => openPositionsFor(desk, alert),
  };
  const pipeline: SignalPipeline = new SignalPipeline(deps, config.pipeline, executor, log, () => control.isRunning());
  const control = new BotControl(deps, config.policy, config.defaults, () => pipeline.pending);
  await control.load();
  return { desk, pipeline, control };
}
