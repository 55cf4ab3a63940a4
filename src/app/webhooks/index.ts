/** TradingView webhook links and intake: use cases the HTTP adapter and /webhook call. */
export { LinkDirectory } from './link-directory.js';
export { RateLimiter } from './rate-limiter.js';
export { createWebhookLink, CreateWebhookLinkInput, type CreateWebhookLinkResult } from './create-link.js';
export { listWebhookLinks, type ListWebhookLinksResult } from './list-links.js';
export { revokeWebhookLink, type RevokeWebhookLinkResult } from './revoke-link.js';
export type { LinkAdminDeps } from './link-admin.js';
export {
  authorizeWebhook, receiveWebhook, type WebhookAuthorization, type WebhookBody, type WebhookIntake, type WebhookOutcome,
} from './receive.js';
export { webhookLinkIdOf } from './idempotency.js';
export { WEBHOOK_PATH_PREFIX, hashToken, linkUrl } from './tokens.js';
