import { ApiError, unknownChannel } from './api-error.js';
import { channelJson, dmChannelJson, guildJson, memberJson, roleJson, userJson } from './api-json.js';
import { payloadOf } from './message-payload.js';
import { ok, type Route, type RouteContext } from './router.js';
import type { DoubleState } from './state.js';
import type { Json } from './types.js';

const unknownGuild = (): ApiError => new ApiError(404, 10004, 'Unknown Guild');

function applicationJson(state: DoubleState): Json {
  return {
    id: state.applicationId, name: state.botUser.username, icon: null, description: '', summary: '',
    bot_public: true, bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 0, team: null,
    owner: userJson({ id: state.guilds.all[0]?.ownerId ?? '0', username: 'owner' }), bot: userJson(state.botUser),
    install_params: null, integration_types_config: {}, tags: [],
  };
}

function guildOf(ctx: RouteContext) {
  const guild = ctx.state.guilds.guild(ctx.params.guildId ?? '');
  if (!guild) throw unknownGuild();
  return guild;
}

function getChannel(ctx: RouteContext) {
  const id = ctx.params.channelId ?? '';
  const channel = ctx.state.guilds.findChannel(id);
  if (channel && channel.id === id) return ok(channelJson(channel));
  if (ctx.state.dmRecipients.has(id)) return ok(dmChannelJson(ctx.state, id));
  throw unknownChannel();
}

function getMember(ctx: RouteContext) {
  const guild = guildOf(ctx);
  const userId = ctx.params.userId ?? '';
  const known = ctx.state.users.has(userId) || ctx.state.memberRoles.has(`${guild.id}:${userId}`);
  if (!known) throw new ApiError(404, 10007, 'Unknown Member');
  return ok(memberJson(ctx.state, guild, userId, true));
}

function createDm(ctx: RouteContext) {
  const recipient = payloadOf(ctx.body).recipient_id;
  if (typeof recipient !== 'string' || !/^\d+$/.test(recipient)) {
    throw new ApiError(400, 50035, 'Invalid Form Body', { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' }] } });
  }
  return ok(dmChannelJson(ctx.state, ctx.state.dmChannelFor(recipient)));
}

export const coreRoutes: Route[] = [
  { method: 'GET', pattern: '/gateway/bot', auth: true, handle: (ctx) => ok({
    url: ctx.gateway.url, shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  }) },
  { method: 'GET', pattern: '/gateway', auth: false, handle: (ctx) => ok({ url: ctx.gateway.url }) },
  { method: 'GET', pattern: '/users/@me', auth: true, handle: (ctx) => ok(userJson(ctx.state.botUser)) },
  { method: 'GET', pattern: '/users/:userId', auth: true, handle: (ctx) => {
    const user = ctx.state.users.get(ctx.params.userId ?? '');
    if (!user) throw new ApiError(404, 10013, 'Unknown User');
    return ok(userJson(user));
  } },
  { method: 'POST', pattern: '/users/@me/channels', auth: true, handle: createDm },
  { method: 'GET', pattern: '/applications/@me', auth: true, handle: (ctx) => ok(applicationJson(ctx.state)) },
  { method: 'GET', pattern: '/oauth2/applications/@me', auth: true, handle: (ctx) => ok(applicationJson(ctx.state)) },
  { method: 'GET', pattern: '/channels/:channelId', auth: true, handle: getChannel },
  { method: 'GET', pattern: '/guilds/:guildId', auth: true, handle: (ctx) => ok(guildJson(guildOf(ctx))) },
  { method: 'GET', pattern: '/guilds/:guildId/channels', auth: true, handle: (ctx) => ok(guildOf(ctx).channels.map(channelJson)) },
  { method: 'GET', pattern: '/guilds/:guildId/roles', auth: true, handle: (ctx) => ok(guildOf(ctx).roles.map(roleJson)) },
  { method: 'GET', pattern: '/guilds/:guildId/members/:userId', auth: true, handle: getMember },
];
