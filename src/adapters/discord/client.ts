import { Client, GatewayIntentBits, Partials } from 'discord.js';

/** Guilds, GuildMessages, MessageContent (privileged), DirectMessages — see README "Invite the bot". */
export const BOT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

export function createDiscordClient(apiBase: string | null): Client {
  return new Client({
    intents: BOT_INTENTS,
    // Discord sends no CHANNEL_CREATE for a new DM: without Channel, DM messages are dropped.
    // Without Message, an edit of a message not in the cache (posted before this session) is dropped.
    partials: [Partials.Channel, Partials.Message],
    ...(apiBase ? { rest: { api: apiBase } } : {}),
  });
}

/** Raised when the bot cannot log in; its message is one line that says what to fix. */
export class DiscordLoginError extends Error {
  constructor(readonly code: 'DISCORD_TOKEN_INVALID' | 'DISCORD_INTENTS_DISALLOWED' | 'DISCORD_UNREACHABLE', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DiscordLoginError';
  }
}

/** Log in and wait for `ready`, translating Discord's failures into one actionable line. */
export async function loginAndWaitReady(client: Client, token: string, timeoutMs = 60_000): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  try {
    await client.login(token);
  } catch (err) {
    throw describeLoginError(err);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DiscordLoginError('DISCORD_UNREACHABLE',
      `Discord did not report ready within ${Math.round(timeoutMs / 1000)} s; check network access to Discord.`)), timeoutMs);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeLoginError(err: unknown): DiscordLoginError {
  const e = err as { code?: unknown; message?: string; status?: number };
  const text = `${String(e.code ?? '')} ${e.message ?? ''}`.toLowerCase();
  if (e.code === 'TokenInvalid' || e.status === 401 || text.includes('401') || text.includes('invalid token')
    || text.includes('authentication failed')) {
    return new DiscordLoginError('DISCORD_TOKEN_INVALID',
      'DISCORD_TOKEN was rejected by Discord: copy a fresh token from the Developer Portal (Bot → Reset Token) into DISCORD_TOKEN.', { cause: err });
  }
  if (text.includes('disallowed intent') || text.includes('disallowedintents') || text.includes('4014')) {
    return new DiscordLoginError('DISCORD_INTENTS_DISALLOWED',
      'Discord refused the Message Content intent: enable "Message Content Intent" under Bot → Privileged Gateway Intents in the Developer Portal.', { cause: err });
  }
  return new DiscordLoginError('DISCORD_UNREACHABLE', `Could not connect to Discord: ${e.message ?? String(err)}`, { cause: err });
}
