import { describe, expect, it } from 'vitest';
import { codeBlock, EMBED_LIMITS } from '../../../src/adapters/discord/embeds.js';

/** The text between the first fence and the next one, as Discord's markdown would read it. */
function insideFirstBlock(block: string): string {
  const start = block.indexOf('```') + 3;
  return block.slice(start, block.indexOf('```', start));
}

describe('codeBlock: raw alert text in an embed', () => {
  it('GIVEN text holding three backticks WHEN shown THEN the block is not closed early and the text reads the same', () => {
    const raw = '{"ticker":"ES1!","note":"```@everyone buy now```"}';
    const block = codeBlock(raw, EMBED_LIMITS.description);
    expect(block.startsWith('```\n') && block.endsWith('\n```')).toBe(true);
    expect(insideFirstBlock(block)).toBe(`\n${raw.replace(/`(?=`)/g, '`\u200b')}\n`);
    expect(insideFirstBlock(block).replace(/\u200b/g, '')).toBe(`\n${raw}\n`);
  });

  it('GIVEN text longer than the limit WHEN shown THEN it is clipped inside the fences, which still close', () => {
    const block = codeBlock('ES LONG 4750 '.repeat(1_000), EMBED_LIMITS.description);
    expect(block.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(block.endsWith('…\n```')).toBe(true);
  });

  it('GIVEN plain text WHEN shown THEN it is fenced unchanged', () => {
    expect(codeBlock('ES LONG 4750 STOP 4745', 100)).toBe('```\nES LONG 4750 STOP 4745\n```');
  });
});
