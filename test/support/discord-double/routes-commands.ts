import { ApiError, invalidForm } from './api-error.js';
import { payloadOf } from './message-payload.js';
import { noContent, ok, type Route, type RouteContext } from './router.js';
import type { Json } from './types.js';

const missingAccess = (): ApiError => new ApiError(403, 50001, 'Missing Access');
const NAME_PATTERN = /^[-_'\p{L}\p{N}]{1,32}$/u;

/** The guild a command route is scoped to (null = global), after checking the ids in the path. */
function scopeOf(ctx: RouteContext): string | null {
  if (ctx.params.appId !== ctx.state.applicationId) throw missingAccess();
  const guildId = ctx.params.guildId ?? null;
  if (guildId !== null && !ctx.state.guilds.guild(guildId)) throw missingAccess();
  return guildId;
}

function validateCommand(body: Json, path: string): void {
  const type = typeof body.type === 'number' ? body.type : 1;
  const name = typeof body.name === 'string' ? body.name : '';
  const chatInput = type === 1;
  if (!NAME_PATTERN.test(name) || (chatInput && name !== name.toLowerCase())) {
    throw invalidForm(`${path}name`, 'APPLICATION_COMMAND_INVALID_NAME', `Command name "${name}" is invalid`);
  }
  const description = typeof body.description === 'string' ? body.description : '';
  if (chatInput && (description.length < 1 || description.length > 100)) {
    throw invalidForm(`${path}description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  const options = Array.isArray(body.options) ? (body.options as Json[]) : [];
  if (options.length > 25) throw invalidForm(`${path}options`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  options.forEach((option, i) => {
    if (Array.isArray(option.choices) && option.choices.length > 25) {
      throw invalidForm(`${path}options.${i}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    // Options and subcommands follow the CHAT_INPUT name and description rules.
    validateCommand({ ...option, type: 1 }, `${path}options.${i}.`);
  });
}

function toStored(ctx: RouteContext, body: Json, guildId: string | null): Json {
  const existing = ctx.state.commands.find((c) => c.guild_id === guildId && c.name === body.name && (c.type ?? 1) === (body.type ?? 1));
  return {
    ...body, id: existing?.id ?? ctx.state.nextId(), application_id: ctx.state.applicationId,
    version: ctx.state.nextId(), type: body.type ?? 1, guild_id: guildId, default_member_permissions: body.default_member_permissions ?? null,
    options: body.options ?? [], nsfw: body.nsfw ?? false,
  };
}

function bulkOverwrite(ctx: RouteContext) {
  const guildId = scopeOf(ctx);
  const fault = ctx.state.options.commandRegistrationError;
  if (fault) throw new ApiError(fault.status, fault.code, fault.message);
  const list = ctx.body.json;
  if (!Array.isArray(list)) throw invalidForm('_root', 'BASE_TYPE_ARRAY', 'Must be an array.');
  (list as Json[]).forEach((c, i) => validateCommand(c, `${i}.`));
  const stored = (list as Json[]).map((c) => toStored(ctx, c, guildId));
  const others = ctx.state.commands.filter((c) => c.guild_id !== guildId);
  ctx.state.commands.splice(0, ctx.state.commands.length, ...others, ...stored);
  return ok(stored.map(publicCommand));
}

function createOne(ctx: RouteContext) {
  const guildId = scopeOf(ctx);
  const body = payloadOf(ctx.body);
  validateCommand(body, '');
  const stored = toStored(ctx, body, guildId);
  const index = ctx.state.commands.findIndex((c) => c.id === stored.id);
  if (index >= 0) ctx.state.commands.splice(index, 1, stored);
  else ctx.state.commands.push(stored);
  return { status: index >= 0 ? 200 : 201, json: publicCommand(stored) };
}

function findOne(ctx: RouteContext): { index: number; command: Json } {
  const guildId = scopeOf(ctx);
  const index = ctx.state.commands.findIndex((c) => c.guild_id === guildId && c.id === ctx.params.commandId);
  const command = ctx.state.commands[index];
  if (!command) throw new ApiError(404, 10063, 'Unknown application command');
  return { index, command };
}

/** Global commands carry no guild_id at all in Discord's answers. */
function publicCommand(command: Json): Json {
  if (command.guild_id !== null) return command;
  const { guild_id: _omit, ...rest } = command;
  return rest;
}

const GLOBAL = '/applications/:appId/commands';
const GUILD = '/applications/:appId/guilds/:guildId/commands';

export const commandRoutes: Route[] = [GLOBAL, GUILD].flatMap((base): Route[] => [
  { method: 'PUT', pattern: base, auth: true, handle: bulkOverwrite },
  { method: 'POST', pattern: base, auth: true, handle: createOne },
  { method: 'GET', pattern: base, auth: true, handle: (ctx) => {
    const guildId = scopeOf(ctx);
    return ok(ctx.state.commands.filter((c) => c.guild_id === guildId).map(publicCommand));
  } },
  { method: 'GET', pattern: `${base}/:commandId`, auth: true, handle: (ctx) => ok(publicCommand(findOne(ctx).command)) },
  { method: 'PATCH', pattern: `${base}/:commandId`, auth: true, handle: (ctx) => {
    const { index, command } = findOne(ctx);
    const updated = { ...command, ...payloadOf(ctx.body), id: command.id, version: ctx.state.nextId() };
    validateCommand(updated, '');
    ctx.state.commands.splice(index, 1, updated);
    return ok(publicCommand(updated));
  } },
  { method: 'DELETE', pattern: `${base}/:commandId`, auth: true, handle: (ctx) => {
    ctx.state.commands.splice(findOne(ctx).index, 1);
    return noContent();
  } },
]);
