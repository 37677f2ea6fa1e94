import { describe, expect, it } from 'vitest';
import { dossierPageUrl } from '../../../core/public/dossier-token';
import { bookingApiBase, ticketPageAddress } from '../../../core/public/page-address';
import { parsePublicBaseUrl } from '../../../core/public/public-base-url';
import { ticketPageUrl } from '../../../core/public/ticket-token';

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

  it('the links printed and sent carry a prefixed public address whole, and the page reads its prefix back', () => {
    const base = parsePublicBaseUrl('https://Tinh.Example.vn/c/hoan-kiem/');
    expect(base).toEqual({ ok: true, value: 'https://tinh.example.vn/c/hoan-kiem' });
    if (!base.ok) return;
    const ticket = ticketPageUrl(base.value, 'abc_DEF-123');
    expect(ticket).toBe('https://tinh.example.vn/c/hoan-kiem/t/abc_DEF-123');
    expect(ticketPageAddress(new URL(ticket).pathname)).toMatchObject({ prefix: '/c/hoan-kiem', token: 'abc_DEF-123' });
    expect(dossierPageUrl(base.value, 'X'.repeat(24))).toBe(`https://tinh.example.vn/c/hoan-kiem/hs/${'X'.repeat(24)}`);
  });
});
