import { once } from 'node:events';
import {
  ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle, Client, EmbedBuilder, Events, GatewayIntentBits,
  MessageFlags, Partials, Routes, SlashCommandBuilder, type Interaction, type Message,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble, type DoubleOptions } from '../support/discord-double/index.js';

// A real 1×1 PNG: @discordjs/rest sniffs the bytes to pick the part's content type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TRADER = { id: '310000000000000001', username: 'trader_jo' };
const within5s = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(5000) });

let double: DiscordDouble | undefined;
let client: Client | undefined;
let handlerErrors: unknown[] = [];

afterEach(async () => {
  await client?.destroy();
  await double?.close();
  client = undefined;
  double = undefined;
  expect(handlerErrors).toEqual([]);
  handlerErrors = [];
});

async function startDouble(opts: DoubleOptions = {}): Promise<DiscordDouble> {
  double = await startDiscordDouble(opts);
  return double;
}

function newClient(d: DiscordDouble): Client {
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: d.apiBase },
  });
  return client;
}

/** GIVEN a double and a logged-in client that has received every guild. */
async function connected(opts: DoubleOptions = {}): Promise<{ d: DiscordDouble; c: Client<true> }> {
  const d = await startDouble(opts);
  const c = newClient(d);
  const ready = once(c, Events.ClientReady, { signal: AbortSignal.timeout(5000) });
  await c.login(d.token);
  await ready;
  return { d, c: c as Client<true> };
}

/** Runs the bot-side handler for every interaction, collecting its errors for afterEach. */
function onInteraction(c: Client, handler: (i: Interaction) => Promise<unknown>): void {
  c.on(Events.InteractionCreate, (i) => void handler(i).catch((e: unknown) => handlerErrors.push(e)));
}

describe('discord double with the real discord.js client', () => {
  it('GIVEN a login THEN the client is ready and sees the guild, its channels and its application', async () => {
    const { d, c } = await connected();
    const guild = c.guilds.cache.get(d.guilds.guildId);
    expect(guild?.name).toBe('TradeStream Test');
    expect(guild?.channels.cache.map((ch) => ch.name).sort()).toEqual(['general', 'twi_futures', 'twi_options']);
    expect(guild?.roles.everyone.id).toBe(d.guilds.guildId);
    expect(c.user.id).toBe(d.botUser.id);
    expect(c.application.id).toBe(d.applicationId);
    expect(d.unmatchedRequests()).toEqual([]);
    await expect.poll(() => c.ws.ping, { timeout: 2000 }).toBeGreaterThanOrEqual(0); // a heartbeat was ACKed
  });

  it('WHEN the bot calls a route the double lacks THEN it gets Discord\'s 404 and the call is logged', async () => {
    const { d, c } = await connected();
    await expect(c.rest.get(Routes.guildBans(d.guilds.guildId))).rejects.toMatchObject({ status: 404, code: 0 });
    expect(d.unmatchedRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /guilds/${d.guilds.guildId}/bans`]);
  });

  it('WHEN a user posts in a channel THEN messageCreate carries content, channel and member roles', async () => {
    const { d, c } = await connected();
    const received = once(c, Events.MessageCreate, within5s()) as Promise<[Message]>;
    const posted = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'BTO ES 4750 SL 4740', roles: ['trader'] });
    const [message] = await received;
    expect(message.id).toBe(posted.id);
    expect(message.content).toBe('BTO ES 4750 SL 4740');
    expect(message.channelId).toBe(d.guilds.channelId('twi_futures'));
    expect(message.member?.roles.cache.has(d.guilds.roleId('trader'))).toBe(true);
    expect(message.author.bot).toBe(false);
  });

  it('WHEN a message is redelivered THEN the gateway repeats it but discord.js drops the cached duplicate', async () => {
    const { d, c } = await connected();
    const raw: string[] = [];
    let created = 0;
    c.on(Events.Raw, (packet: { t?: string; d?: { id?: string } }) => { if (packet.t === 'MESSAGE_CREATE') raw.push(packet.d?.id ?? ''); });
    c.on(Events.MessageCreate, () => { created += 1; });
    const posted = d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'STC ES' });
    d.redeliver(posted.id);
    await expect.poll(() => raw, { timeout: 3000 }).toEqual([posted.id, posted.id]);
    expect(created).toBe(1);
    const channel = c.channels.cache.get(d.guilds.channelId('twi_futures'));
    if (!channel?.isTextBased()) throw new Error('twi_futures is not text based');
    const fetched = await channel.messages.fetch({ limit: 10, after: '1' }); // a catch-up read after downtime
    expect([...fetched.keys()]).toEqual([posted.id]);
  });

  it('WHEN a command is deferred then edited with an embed and a PNG THEN the final reply is read back', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      const embed = new EmbedBuilder().setTitle(`Chart ${i.options.getString('symbol')}`).setImage('attachment://chart.png');
      await i.editReply({ embeds: [embed], files: [new AttachmentBuilder(PNG, { name: 'chart.png' })] });
    });
    const reply = await d.runCommand({ name: 'chart', options: { symbol: 'ES' }, user: TRADER }).response();
    expect(reply).toMatchObject({ type: 5, deferred: true, ephemeral: false });
    expect(reply.embeds[0]).toMatchObject({ title: 'Chart ES', image: { url: 'attachment://chart.png' } });
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ name: 'chart.png', contentType: 'image/png' });
    expect(reply.attachments[0]?.data.equals(PNG)).toBe(true);
    expect(reply.ackMs).toBeLessThan(3000);
  });

  it('WHEN the bot replies ephemerally and follows up THEN both are read back with their flags', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'only you', flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'for everyone' });
    });
    const handle = d.runCommand({ name: 'status', user: TRADER, roles: ['admin'] });
    expect(await handle.response()).toMatchObject({ type: 4, content: 'only you', ephemeral: true, deferred: false });
    const [followUp] = await handle.waitForFollowUps(1);
    expect(followUp).toMatchObject({ content: 'for everyone', ephemeral: false });
  });

  it('WHEN the bot defers publicly and then follows up ephemerally THEN, as on Discord, that resolves the public reply', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.followUp({ content: '⚠️ refused', flags: MessageFlags.Ephemeral });
    });
    const handle = d.runCommand({ name: 'status', user: TRADER });
    expect(await handle.response()).toMatchObject({ type: 5, content: '⚠️ refused', ephemeral: false });
    expect(handle.followUps()).toEqual([]);
  });

  it('WHEN the bot DMs a user and posts a file in a channel THEN dmsTo and channelMessages show them', async () => {
    const { d, c } = await connected();
    d.postMessage({ channel: 'general', author: TRADER, content: 'hi' });
    await c.users.send(TRADER.id, 'Filled 1 ES @ 4750.25');
    const channel = c.channels.cache.get(d.guilds.channelId('twi_options'));
    if (!channel?.isSendable()) throw new Error('twi_options is not sendable');
    await channel.send({ content: 'daily summary', files: [new AttachmentBuilder(PNG, { name: 'pnl.png' })] });
    expect((await d.waitForDm(TRADER.id)).content).toBe('Filled 1 ES @ 4750.25');
    expect(d.dmsTo(TRADER.id)).toHaveLength(1);
    const posted = await d.waitForChannelMessage('twi_options', (m) => m.content === 'daily summary');
    expect(posted.attachments.map((a) => a.name)).toEqual(['pnl.png']);
    expect(d.channelMessages('general').map((m) => m.content)).toEqual(['hi']);
  });

  it('WHEN a user DMs the bot or runs a command in DMs THEN the client sees a DM channel', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply(`in DM: ${String(i.channel?.isDMBased())}, guild: ${String(i.guildId)}`);
    });
    const received = once(c, Events.MessageCreate, within5s()) as Promise<[Message]>;
    d.postDm({ author: TRADER, content: '/help me' });
    const [dm] = await received;
    expect([dm.content, dm.channel.isDMBased(), dm.guildId]).toEqual(['/help me', true, null]);
    expect((await d.runCommand({ name: 'help', user: TRADER, dm: true }).response()).content).toBe('in DM: true, guild: null');
  });

  it('WHEN a user clicks a button on the reply THEN interaction.update edits that message', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('confirm:42').setLabel('Confirm').setStyle(ButtonStyle.Success));
        await i.reply({ content: 'Close ES?', components: [row] });
      } else if (i.isButton()) {
        await i.update({ content: `Closed by ${i.user.username} (${i.customId})`, components: [] });
      }
    });
    const prompt = await d.runCommand({ name: 'close', user: TRADER }).response();
    const clicked = await d.clickButton({ message: prompt, customId: 'confirm:42', user: TRADER }).response();
    expect(clicked).toMatchObject({ type: 7, id: prompt.id, content: 'Closed by trader_jo (confirm:42)', components: [] });
    expect(d.message(prompt.id ?? '')?.content).toBe('Closed by trader_jo (confirm:42)');
    expect(() => d.clickButton({ message: prompt, customId: 'nope', user: TRADER })).toThrow(/no component "nope"/);
  });

  it('WHEN the user types into an autocomplete option THEN the bot\'s choices come back', async () => {
    const { d, c } = await connected();
    onInteraction(c, async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused().toUpperCase();
      await i.respond(['ES', 'NQ', 'MES'].filter((s) => s.startsWith(typed)).map((s) => ({ name: s, value: s })));
    });
    const choices = await d.autocomplete({ name: 'trade', subcommand: 'open', options: { symbol: 'm' }, focused: 'symbol', user: TRADER });
    expect(choices).toEqual([{ name: 'MES', value: 'MES' }]);
  });

  it('WHEN the bot bulk-registers commands THEN registeredCommands shows them and commands use their types', async () => {
    const { d, c } = await connected();
    const bot = new SlashCommandBuilder().setName('bot').setDescription('Control the bot')
      .addSubcommand((s) => s.setName('start').setDescription('Start').addIntegerOption((o) => o.setName('size').setDescription('Contracts').setRequired(true)));
    await c.application.commands.set([bot], d.guilds.guildId);
    await c.rest.put(Routes.applicationCommands(c.application.id), { body: [bot.toJSON()] });
    expect(d.registeredCommands(d.guilds.guildId).map((cmd) => cmd.name)).toEqual(['bot']);
    expect(d.registeredCommands().map((cmd) => cmd.name)).toEqual(['bot']);
    const seen = once(c, Events.InteractionCreate, within5s()) as Promise<[Interaction]>;
    d.runCommand({ name: 'bot', subcommand: 'start', options: { size: 2 }, user: TRADER });
    const [interaction] = await seen;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandId).toBe(d.registeredCommands(d.guilds.guildId)[0]?.id);
    expect(interaction.options.getSubcommand()).toBe('start');
    expect(interaction.options.getInteger('size')).toBe(2);
    expect(() => d.runCommand({ name: 'bot', subcommand: 'start', user: TRADER })).toThrow(/missing required option/);
  });

  it('WHEN a callback repeats or comes too late THEN Discord\'s 40060 and 10062 answers come back', async () => {
    const { d, c } = await connected({ interactionAckWindowMs: 500 });
    const codes: unknown[] = [];
    onInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      if (i.commandName === 'slow') await new Promise((resolve) => setTimeout(resolve, 650));
      const route = Routes.interactionCallback(i.id, i.token);
      for (let n = 0; n < 2; n++) {
        await c.rest.post(route, { body: { type: 4, data: { content: 'ok' } }, auth: false })
          .catch((e: { code?: unknown }) => codes.push(e.code));
      }
    });
    const quick = d.runCommand({ name: 'quick', user: TRADER });
    expect((await quick.response()).content).toBe('ok');
    const slow = d.runCommand({ name: 'slow', user: TRADER });
    await expect(slow.response(1000)).rejects.toThrow(/rejected: 404\/10062/);
    expect(codes).toEqual([40060, 10062, 10062]);
  });

  it('GIVEN a wrong token WHEN logging in THEN login rejects with TokenInvalid', async () => {
    const d = await startDouble();
    await expect(newClient(d).login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(d.requests.at(-1)).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 401 });
  });

  it('GIVEN privileged intents not enabled WHEN logging in with MessageContent THEN login fails with 4014', async () => {
    const d = await startDouble({ privilegedIntentsAllowed: false });
    await expect(newClient(d).login(d.token)).rejects.toThrow('Used disallowed intents');
  });

  it('WHEN the gateway sends op 7 or drops THEN the client resumes and gets missed and new messages', async () => {
    const { d, c } = await connected();
    const contents: string[] = [];
    c.on(Events.MessageCreate, (m) => contents.push(m.content));
    d.sendReconnect();
    d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'sent while reconnecting' });
    await once(c, Events.ShardResume, within5s());
    d.dropConnections();
    await once(c, Events.ShardResume, within5s());
    d.postMessage({ channel: 'twi_futures', author: TRADER, content: 'after resume' });
    await expect.poll(() => contents, { timeout: 3000 }).toEqual(['sent while reconnecting', 'after resume']);
    expect(d.gatewayConnections.map((g) => g.path)).toEqual(['/gateway', '/gateway-resume', '/gateway-resume']);
  });
});
