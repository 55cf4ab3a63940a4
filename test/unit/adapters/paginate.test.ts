import { describe, expect, it } from 'vitest';
import { clampPage, pagedEmbed, pagerRow, paginateFields } from '../../../src/adapters/discord/paginate.js';

const field = (i: number, size = 100) => ({ name: `#${i}`, value: 'x'.repeat(size) });

describe('embed pagination', () => {
  it('GIVEN 60 small fields WHEN paginated THEN pages of at most 25, in order, none lost', () => {
    const pages = paginateFields(Array.from({ length: 60 }, (_, i) => field(i)));
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
    expect(pages.flat().map((f) => f.name)).toEqual(Array.from({ length: 60 }, (_, i) => `#${i}`));
  });

  it('GIVEN fields near the 1024 limit WHEN paginated THEN no page passes 6000 characters with the title and footer reserved', () => {
    const pages = paginateFields(Array.from({ length: 20 }, (_, i) => field(i, 1020)), { reservedChars: 300 });
    for (const page of pages) expect(page.reduce((n, f) => n + f.name.length + f.value.length, 0)).toBeLessThanOrEqual(5700);
    expect(pages.flat()).toHaveLength(20);
  });

  it('GIVEN a page WHEN rendered THEN it says which page, and only those items are "shown"; out-of-range pages clamp', () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const spec = { title: 'T', color: 1, empty: 'none', items, toField: (i: number) => field(i, 10), limits: { maxItems: 5 } };
    const last = pagedEmbed({ ...spec, page: 99 });
    expect(last).toMatchObject({ page: 2, pageCount: 3, shown: [10, 11] });
    expect(last.embed.footer?.text).toBe('Page 3 of 3');
    expect(pagedEmbed({ ...spec, items: [], page: 0 }).embed).toMatchObject({ description: 'none' });
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(Number.NaN, 3)).toBe(0);
  });

  it('GIVEN several pages WHEN the pager is built THEN ◀ ▶ lead to neighbours with distinct ids, disabled at the ends; one page → none', () => {
    const ids = (page: number, count: number) => pagerRow((n) => `x:page:${n}`, page, count)?.components.map((b) => [('custom_id' in b) ? b.custom_id : '', b.disabled ?? false]);
    expect(ids(0, 3)).toEqual([['x:page:0', true], ['x:page:1', false]]);
    expect(ids(1, 3)).toEqual([['x:page:0', false], ['x:page:2', false]]);
    expect(ids(2, 3)).toEqual([['x:page:1', false], ['x:page:2', true]]);
    expect(pagerRow((n) => `x:${n}`, 0, 1)).toBeNull();
  });
});
