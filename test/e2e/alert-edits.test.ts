import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, JMONEY, eventually, startHarness, type Harness } from '../support/app-harness.js';
import { buttonIds, fieldsOf, signalOf } from '../support/control-helpers.js';
import type { StoredMessage } from '../support/discord-double/index.js';

describe('an alert edited after it was posted', () => {
  let h: Harness;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ts-edits-'));
    h = await startHarness({ database: { url: null, dataDir } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const editsOf = async (messageId: string) => {
    await h.app.pipeline.drain();
    return h.app.database.db.query.signals.findMany({
      where: (s, { and, eq, like }) => and(eq(s.source, 'discord'), like(s.externalId, `${messageId}:edit:%`)), orderBy: (s, { asc }) => [asc(s.id)],
    });
  };
  const editDms = (text: string) => h.double.dmsTo(ADMIN.id)
    .filter((m) => String(m.embeds[0]?.title).startsWith('Edited alert') && String(m.embeds[0]?.description).includes(text));
  const editDm = (text: string) => eventually(() => editDms(text)[0], 5000, `the review DM for "${text}"`);
  const openPositions = async (symbol: string) => (await h.app.control.status()).openPositions.filter((p) => p.symbol === symbol);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let traded: StoredMessage;

  it('GIVEN a traded alert WHEN its author corrects the stop THEN the edit is stored for review, the admins are asked, and nothing more is traded', async () => {
    traded = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES LONG 4750 STOP 4745 T1 4755 T2 4760' });
    await eventually(async () => ((await signalOf(h, traded.id))?.status === 'executed' ? true : undefined));
    const original = await signalOf(h, traded.id);
    const edited = h.double.editMessage(traded.id, 'ES LONG 4750 STOP 4740 T1 4755 T2 4760');

    const dm = await editDm('STOP 4740');
    const [edit] = await editsOf(traded.id);
    expect(edit).toMatchObject({
      externalId: `${traded.id}:edit:${Date.parse(edited.editedTimestamp ?? '')}`, status: 'needs_review', reasonCode: 'EDITED',
      rawText: 'ES LONG 4750 STOP 4740 T1 4755 T2 4760', reason: `alert edited after it was posted; original (#${original?.id}, executed): ES LONG 4750 STOP 4745 T1 4755 T2 4760`,
    });
    expect(String(dm.embeds[0]?.title)).toBe(`Edited alert #${edit?.id} needs review`);
    expect(fieldsOf(dm.embeds[0]).Why).toBe(edit?.reason);
    expect(fieldsOf(dm.embeds[0])['If approved']).toMatch(/^This text trades as a new alert\. It does not change what the original did/);
    expect(buttonIds(dm)).toEqual([`review:approve:${edit?.id}`, `review:reject:${edit?.id}`]);
    await h.app.desk.drain();
    expect((await openPositions('ES')).map((p) => p.stop)).toEqual(['4745']);
  });

  it('GIVEN that edit WHEN Discord delivers the same update again, or an update that is no edit THEN nothing new is stored or sent', async () => {
    h.double.redeliver(traded.id, 'MESSAGE_UPDATE');
    const unedited = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'ES out' });
    await eventually(async () => ((await signalOf(h, unedited.id)) ? true : undefined));
    h.double.redeliver(unedited.id, 'MESSAGE_UPDATE'); // e.g. an embed unfurled: no edited_timestamp
    await pause(300);
    expect(await editsOf(traded.id)).toHaveLength(1);
    expect(await editsOf(unedited.id)).toEqual([]);
    expect(editDms('STOP 4740')).toHaveLength(1);
  });

  it('GIVEN that edit WHEN an admin presses Approve while the original\'s position is open THEN refused, pointing to /move-stop; nothing traded, the edit still pending', async () => {
    const dm = await editDm('STOP 4740');
    const [edit] = await editsOf(traded.id);
    const [position] = await openPositions('ES');
    const reply = await h.double.clickButton({ message: dm, customId: buttonIds(dm)[0] ?? '', user: ADMIN }).response();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(`⚠️ Not approved: an earlier version of this message (alert #${(await signalOf(h, traded.id))?.id}) opened #${position?.id} ES LONG `
      + `${position?.qtyOpen} (stop 4745), still open; approving this edit would open another position. To correct its stop use /move-stop `
      + '(with `position`); to exit, /close. The edit stays pending: reject it, or approve it once that position is closed.');
    await h.app.desk.drain();
    expect((await openPositions('ES')).map((p) => p.stop)).toEqual(['4745']);
    expect((await editsOf(traded.id))[0]).toMatchObject({ id: edit?.id, status: 'needs_review' });
    expect(fieldsOf(dm.embeds[0])['If approved']).toMatch(/while a position an earlier version of this message opened is still open, Approve is refused/);
  });

  it('GIVEN a held alert WHEN its author completes it and an admin approves the edit THEN the edit trades, once', async () => {
    const held = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'NQ LONG 16250' });
    await eventually(async () => ((await signalOf(h, held.id))?.status === 'needs_review' ? true : undefined));
    h.double.editMessage(held.id, 'NQ LONG 16250 STOP 16200 T1 16300');
    const dm = await editDm('NQ LONG 16250 STOP 16200');
    const reply = await h.double.clickButton({ message: dm, customId: buttonIds(dm)[0] ?? '', user: ADMIN }).response();
    expect(reply.content).toMatch(/^✅ Approved: alert #\d+ went to the desk \(1 fill\)\.$/);
    expect((await openPositions('NQ')).map((p) => p.stop)).toEqual(['16200']);
    expect((await signalOf(h, held.id))?.status).toBe('needs_review'); // the original still waits for its own decision
  });

  it('GIVEN the bot restarted (the message is not in its cache) WHEN the alert is edited again THEN that edit is seen too', async () => {
    await h.restart();
    h.double.editMessage(traded.id, 'ES LONG 4750 STOP 4738 T1 4755 T2 4760');
    await editDm('STOP 4738');
    expect((await editsOf(traded.id)).map((e) => [e.rawText, e.status])).toEqual([
      ['ES LONG 4750 STOP 4740 T1 4755 T2 4760', 'needs_review'], ['ES LONG 4750 STOP 4738 T1 4755 T2 4760', 'needs_review'],
    ]);
    expect(await openPositions('ES')).toHaveLength(1);
  });

  const withdrawnDms = (originalId: number | undefined) => h.double.dmsTo(ADMIN.id)
    .filter((m) => m.embeds[0]?.title === `Alert #${originalId} was edited: it is no longer an alert`);

  it('GIVEN a traded alert WHEN its author edits it into no alert THEN the admins are told what it was and that nothing was undone', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MNQ LONG 16250 STOP 16200' });
    await eventually(async () => ((await signalOf(h, posted.id))?.status === 'executed' ? true : undefined));
    const original = await signalOf(h, posted.id);
    h.double.editMessage(posted.id, 'scratch that, no trade');

    const dm = await eventually(() => withdrawnDms(original?.id)[0], 5000, 'the withdrawn-alert DM');
    expect(String(dm.embeds[0]?.description)).toContain('scratch that, no trade');
    const fields = fieldsOf(dm.embeds[0]);
    expect(fields.Was).toContain('MNQ LONG 16250 STOP 16200');
    expect(fields['Status of the original']).toMatch(/^executed/);
    expect(fields['What the bot did']).toMatch(/^Nothing: what the original opened stays open/);
    expect(dm.components ?? []).toEqual([]);
    const [edit] = await editsOf(posted.id);
    expect(edit).toMatchObject({ status: 'not_alert', rawText: 'scratch that, no trade' });
    expect(await openPositions('MNQ')).toHaveLength(1);
  });

  it('GIVEN a traded alert WHEN its author strikes it through and writes "cancelled" THEN the admins are told it was withdrawn, and are not asked to approve it', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'MYM LONG 44000 STOP 43900' });
    await eventually(async () => ((await signalOf(h, posted.id))?.status === 'executed' ? true : undefined));
    const original = await signalOf(h, posted.id);
    h.double.editMessage(posted.id, '~~MYM LONG 44000 STOP 43900~~ cancelled');

    const dm = await eventually(() => withdrawnDms(original?.id)[0], 5000, 'the withdrawn-alert DM');
    expect(String(dm.embeds[0]?.description)).toContain('~~MYM LONG 44000 STOP 43900~~ cancelled');
    const [edit] = await editsOf(posted.id);
    expect(edit).toMatchObject({ status: 'ignored', reasonCode: 'CANCELLED' });
    expect(editDms('cancelled')).toEqual([]);
    expect(await openPositions('MYM')).toHaveLength(1);
  });

  it('GIVEN chatter WHEN edited into other chatter THEN it is stored and nobody is told', async () => {
    const posted = h.double.postMessage({ channel: 'twi_futures', author: JMONEY, content: 'good morning team' });
    await eventually(async () => ((await signalOf(h, posted.id))?.status === 'not_alert' ? true : undefined));
    const original = await signalOf(h, posted.id);
    h.double.editMessage(posted.id, 'good morning team, coffee time');
    await eventually(async () => ((await editsOf(posted.id))[0]?.status === 'not_alert' ? true : undefined));
    await pause(300);
    expect(withdrawnDms(original?.id)).toEqual([]);
  });

  it('GIVEN a message from a bot WHEN edited THEN it is ignored, as its post was', async () => {
    const otherBot = { id: '399999999999999998', username: 'otherbot', bot: true };
    const posted = h.double.postMessage({ channel: 'twi_futures', author: otherBot, content: 'ES LONG 4750 STOP 4745' });
    h.double.editMessage(posted.id, 'ES LONG 4750 STOP 4740');
    await pause(300);
    expect(await signalOf(h, posted.id)).toBeUndefined();
    expect(await editsOf(posted.id)).toEqual([]);
  });
});
