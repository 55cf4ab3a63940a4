import type { Message, OmitPartialGroupDMChannel, PartialMessage } from 'discord.js';
import { editedSignal } from '../../app/message-edits.js';
import { ingestWithRetry, messageChannelKind, messageSignal, type MonitorDeps } from './message-signal.js';

/**
 * An edit of a message in an alert channel. Stored as its own signal (keyed by message id and
 * edit time, so a repeated update is not doubled) that goes to review, never to the desk; the
 * admins' DM shows the new text and quotes the original. Ignored: updates that are not edits
 * (no edited_timestamp: an embed unfurled, a pin), unchanged text, bots and authors not allowed,
 * and edits of messages never stored — posted before the bot watched the channel, or outside
 * what a catch-up reads — which were never alerts to it either (logged at debug).
 */
export async function handleEdit(update: OmitPartialGroupDMChannel<Message | PartialMessage>, deps: MonitorDeps): Promise<void> {
  const message = await whole(update, deps);
  if (message === null || message.editedTimestamp === null) return;
  const edited = messageSignal(message, deps.config);
  if (edited === null) return;
  const original = await deps.signals.byExternalId('discord', message.id);
  if (original === null) {
    deps.log.debug({ messageId: message.id, channelId: message.channelId }, 'edit of a message never stored as a signal: ignored');
    return;
  }
  const signal = editedSignal(original, edited, message.editedTimestamp);
  if (signal === null) return;
  const result = await ingestWithRetry(deps.sink, signal, deps.log);
  if (result?.status === 'stored') {
    deps.log.info({ messageId: message.id, signalId: result.signal.id, originalSignalId: original.id }, 'alert channel message edited: held for review');
  }
}

/** The whole message: an update Discord sent in part is fetched (alert channels only); one that cannot be is skipped. */
async function whole(update: OmitPartialGroupDMChannel<Message | PartialMessage>, deps: MonitorDeps): Promise<Message | null> {
  if (!update.partial) return update;
  if (messageChannelKind(update, deps.config) === null) return null;
  try {
    return await update.fetch();
  } catch (err) {
    deps.log.debug({ err, messageId: update.id }, 'an edited message could not be fetched: ignored');
    return null;
  }
}
