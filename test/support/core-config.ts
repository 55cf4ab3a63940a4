import { loadConfig } from '../../src/config/env.js';
import { coreConfigFrom } from '../../src/config/core-config.js';
import type { CoreConfig } from '../../src/app/core.js';

/**
 * The core's config as the bot would build it from this environment (plus a placeholder token);
 * market hours are not enforced unless the test says so.
 */
export function testCoreConfig(env: Record<string, string> = {}, adminUserIds: string[] = []): CoreConfig {
  const config = coreConfigFrom(loadConfig({ DISCORD_TOKEN: 'test-token', ENFORCE_MARKET_HOURS: 'false', ...env }));
  return { ...config, policy: { adminUserIds, adminRoleIds: [] } };
}
