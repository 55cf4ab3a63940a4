import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ROLE_ID, ROLE_ADMIN, TRADER, startHarness, type Harness } from '../support/app-harness.js';
import { expectEmbedsWithinLimits, fieldsOf } from '../support/control-helpers.js';
import type { RunCommandSpec } from '../support/discord-double/index.js';
import { COMMANDS } from '../../commands/index.js';
import { helpEntries } from '../../commands/help.js';
import { PERMISSION_MATRIX, type MatrixRow } from './permission-matrix.table.js';

/** Refused = the admin gate's answer; any other answer (a result, a validation message) got past it. */
type Outcome = 'allowed' | 'refused';

/** The actors every row runs as, and what an admin-only row expects of each. */
const ACTORS: { label: string; spec: Pick<RunCommandSpec, 'user' | 'roles' | 'dm'>; isAdmin: boolean }[] = [
  { label: 'admin (user id)', spec: { user: ADMIN }, isAdmin: true },
  { label: 'admin (role)', spec: { user: ROLE_ADMIN, roles: [ADMIN_ROLE_ID] }, isAdmin: true },
  { label: 'non-admin', spec: { user: TRADER, roles: ['members'] }, isAdmin: false },
  { label: 'non-admin in a DM', spec: { user: TRADER, dm: true }, isAdmin: false },
  { label: 'admin (user id) in a DM', spec: { user: ADMIN, dm: true }, isAdmin: true },
];

const key = (command: string, subcommand?: string) => (subcommand ? `${command} ${subcommand}` : command);
/** Every command and subcommand the bot registers, with who /help says may use it. */
const REGISTERED = new Map(COMMANDS.flatMap((c) => helpEntries(c).map((e) => [e.usage.split(' [')[0]?.split(' <')[0]?.slice(1) ?? '', e.who] as const)));
const rowsRegistered = PERMISSION_MATRIX.filter((r) => REGISTERED.has(key(r.command, r.subcommand)));

describe('permission matrix: every command × {admin, role admin, non-admin, DM}', () => {
  let h: Harness;

  beforeAll(async () => {
    // /pnl draws charts: point it at a closed local port so it never reaches the internet.
    h = await startHarness({ env: { QUICKCHART_HOST: 'http://127.0.0.1:9' } });
  });
  afterAll(async () => {
    expectEmbedsWithinLimits(h);
    await h.close();
  });

  it('GIVEN the registered commands WHEN compared with the table THEN every command and subcommand has exactly one row', () => {
    const rows = PERMISSION_MATRIX.map((r) => key(r.command, r.subcommand));
    expect([...REGISTERED.keys()].filter((k) => !rows.includes(k))).toEqual([]);
    expect(rows.filter((k, i) => rows.indexOf(k) !== i)).toEqual([]);
  });

  it('GIVEN each row WHEN compared with the command\'s descriptions THEN /help says the same about who may use it', () => {
    expect(rowsRegistered.map((r) => [key(r.command, r.subcommand), REGISTERED.get(key(r.command, r.subcommand))]))
      .toEqual(rowsRegistered.map((r) => [key(r.command, r.subcommand), r.who]));
  });

  it.each(rowsRegistered.map((r) => [key(r.command, r.subcommand), r] as const))(
    'GIVEN /%s WHEN run by each actor THEN allowed or refused as the table says, refusals private and before any defer',
    async (_name, row: MatrixRow) => {
      const seen: string[] = [];
      const expected: string[] = [];
      for (const actor of ACTORS) {
        const handle = h.double.runCommand({ name: row.command, subcommand: row.subcommand, options: row.options, ...actor.spec });
        const reply = await handle.response(10_000);
        const outcome: Outcome = /⛔ Only TradeStream admins/.test(reply.content) ? 'refused' : 'allowed';
        const want: Outcome = row.who === 'anyone' || actor.isAdmin ? 'allowed' : 'refused';
        seen.push(`${actor.label}: ${outcome}`);
        expected.push(`${actor.label}: ${want}`);
        expect(reply.ackMs, `${actor.label} answered within Discord's 3 s`).toBeLessThan(3000);
        expect(reply.content, `${actor.label} got no internal error`).not.toContain('Something went wrong');
        if (outcome === 'refused') expect(reply, `${actor.label}'s refusal is private and not deferred`).toMatchObject({ ephemeral: true, deferred: false });
      }
      expect(seen).toEqual(expected);
    },
  );

  it('GIVEN anyone WHEN they run /help THEN a private embed lists every command, what it does, and marks admin-only ones', async () => {
    const reply = await h.double.runCommand({ name: 'help', user: TRADER }).response();
    expect(reply.ephemeral).toBe(true);
    const fields = fieldsOf(reply.embeds[0]);
    expect(Object.keys(fields)).toEqual(COMMANDS.map((c) => `/${c.data.name}`));
    expect(fields['/bot']).toContain('`/bot status` — Running or stopped');
    expect(fields['/bot']).toContain('🔒 `/bot stop` — Ignore new alerts; work under way finishes');
    expect(fields['/risk']).toContain('🔒 `/risk set <limit> <value>` — Change a limit or the kill switch');
    expect(fields['/risk']).toContain('`/risk show` — Every limit');
    expect(fields['/help']).toBe('`/help` — Every command, what it does and who may use it');
  });
});
