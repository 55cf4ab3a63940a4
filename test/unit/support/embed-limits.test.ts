import { describe, expect, it } from 'vitest';
import { embedTotal, embedViolations } from '../../support/embed-limits.js';

const x = (n: number) => 'x'.repeat(n);

describe('the embed-limit check the end-to-end tests run over every embed the bot sent', () => {
  it('GIVEN an embed at every limit WHEN checked THEN nothing is reported', () => {
    const embed = { title: x(256), description: x(4096), fields: [{ name: x(256), value: x(1024) }], footer: { text: x(300) } };
    expect(embedTotal(embed)).toBe(256 + 4096 + 256 + 1024 + 300);
    expect(embedViolations(embed)).toEqual([]);
  });

  it.each([
    ['title', { title: x(257) }, 'title 257 > 256'],
    ['description', { description: x(4097) }, 'description 4097 > 4096'],
    ['field count', { fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }, '26 fields > 25'],
    ['field name', { fields: [{ name: x(257), value: 'v' }] }, 'field 0 name 257 > 256'],
    ['field value', { fields: [{ name: 'n', value: x(1025) }] }, 'field 0 value 1025 > 1024'],
    ['empty field', { fields: [{ name: 'n', value: '' }] }, 'field 0 has an empty name or value'],
    ['footer', { footer: { text: x(2049) } }, 'footer 2049 > 2048'],
    ['total', { description: x(4000), fields: [{ name: 'n', value: x(1000) }, { name: 'm', value: x(1000) }] }, 'total 6002 > 6000'],
  ])('GIVEN an embed over the %s limit WHEN checked THEN it says which', (_what, embed, problem) => {
    expect(embedViolations(embed)).toContain(problem);
  });
});
