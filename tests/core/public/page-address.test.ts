import { describe, expect, it } from 'vitest';
import { bookingApiBase, ticketPageAddress } from '../../../core/public/page-address';

describe('a public page reads where it is from its own address (a front’s path prefix kept)', () => {
  it('the ticket page: at the root and under /c/<centre>/', () => {
    expect(ticketPageAddress('/t/abcDEF_123-x')).toEqual({ prefix: '', token: 'abcDEF_123-x', page: '/t/abcDEF_123-x' });
    expect(ticketPageAddress('/c/hoan-kiem/t/abcDEF_123-x')).toEqual({ prefix: '/c/hoan-kiem', token: 'abcDEF_123-x', page: '/c/hoan-kiem/t/abcDEF_123-x' });
    expect(ticketPageAddress('/c/hoan-kiem/t/abc/')).toMatchObject({ page: '/c/hoan-kiem/t/abc' });
    expect(ticketPageAddress('/t/')).toBeNull();
    expect(ticketPageAddress('/t/a b')).toBeNull();
    expect(ticketPageAddress('/hs/abc')).toBeNull();
  });

  it('the booking page: its API under the same prefix', () => {
    expect(bookingApiBase('/dat-lich')).toBe('/dat-lich/api/');
    expect(bookingApiBase('/c/ba-dinh/dat-lich')).toBe('/c/ba-dinh/dat-lich/api/');
    expect(bookingApiBase('/somewhere-else')).toBe('/dat-lich/api/');
  });
});
