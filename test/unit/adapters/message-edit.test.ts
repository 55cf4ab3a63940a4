import type { Message, OmitPartialGroupDMChannel, PartialMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { handleEdit } from '../../../src/adapters/discord/message-edit.js';
import type { MonitorDeps } from '../../../src/adapters/discord/message-signal.js';
import { EDITED, editKey, editedSignal } from '../../../src/app/message-edits.js';
import type { IngestResult } from '../../../src/app/pipeline.js';
import type { Log, NewSignal, StoredSignal } from '../../../src/app/ports.js';
import { futuresMessage } from '../../support/signals.js';

const POSTED = Date.parse('2026-11-20T15:00:00Z');
const base: NewSignal = futuresMessage('1234', 'ES LONG 4750 STOP 4745', POSTED);
const original = { ...base, id: 41, status: 'executed', reasonCode: null, reason: null, receivedAtMs: POSTED, parse: null, confidence: 0.9 } as StoredSignal;

describe('the signal an edit makes', () => {
  it('GIVEN new text WHEN edited THEN keyed by message and edit time, timed at the edit, flagged EDITED, quoting the original', () => {
    const edit = editedSignal(original, { ...base, rawText: 'ES LONG 4750 STOP 4740' }, POSTED + 60_000);
    expect(edit).toMatchObject({
      externalId: `1234:edit:${POSTED + 60_000}`, postedAtMs: POSTED + 60_000, rawText: 'ES LONG 4750 STOP 4740', reasonCode: EDITED,
      reason: 'alert edited after it was posted; original (#41, executed): ES LONG 4750 STOP 4745',
    });
    expect(edit?.status).toBeUndefined();
    expect(editKey('1234', 5)).toBe('1234:edit:5');
  });

  it('GIVEN the same text (an embed unfurled) WHEN "edited" THEN no signal; GIVEN a long original THEN the quote is cut', () => {
    expect(editedSignal(original, base, POSTED + 1)).toBeNull();
    const long = { ...original, rawText: 'x'.repeat(1_000) };
    expect(editedSignal(long, base, POSTED + 1)?.reason).toMatch(/: x{299}…$/);
  });
});

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const note = (level: string) => (_: object, msg?: string) => { lines.push(`${level} ${msg ?? ''}`); };
  return { lines, debug: note('debug'), info: note('info'), warn: note('warn'), error: note('error') };
}

function deps(log: Log, ingested: NewSignal[]): MonitorDeps {
  return {
    config: { futuresChannels: ['twi_futures'], optionsChannels: [], alertAuthors: [] }, log, nowMs: () => POSTED,
    sink: { ingest: (s) => { ingested.push(s); return Promise.resolve({ status: 'stored', signal: { ...s, id: 2 } } as unknown as IngestResult); } },
    signals: { latestDiscordMessageId: () => Promise.resolve(null), byExternalId: () => Promise.resolve(original) },
    notify: () => Promise.reject(new Error('an edit tells nobody from here')),
  };
}

type Update = OmitPartialGroupDMChannel<Message | PartialMessage>;
const partial = (channelName: string, fetch: () => Promise<Message>) =>
  ({ partial: true, id: '1234', channelId: '1', channel: { name: channelName }, fetch }) as unknown as Update;

describe('an edit Discord sent in part', () => {
  it('GIVEN a partial update that cannot be fetched (deleted meanwhile) WHEN handled THEN it is skipped, at debug, without a throw', async () => {
    const log = recordingLog();
    const ingested: NewSignal[] = [];
    await handleEdit(partial('twi_futures', () => Promise.reject(new Error('Unknown Message'))), deps(log, ingested));
    expect(ingested).toEqual([]);
    expect(log.lines).toEqual(['debug an edited message could not be fetched: ignored']);
  });

  it('GIVEN a partial update outside the alert channels WHEN handled THEN it is not even fetched', async () => {
    let fetched = 0;
    await handleEdit(partial('general', () => { fetched += 1; return Promise.reject(new Error('no')); }), deps(recordingLog(), []));
    expect(fetched).toBe(0);
  });
});
