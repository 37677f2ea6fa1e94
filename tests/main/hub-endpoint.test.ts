import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hubApiUrl, hubEndpointOf } from '../../main/agent/hub-endpoint';
import { loadTerminalConfig } from '../../main/agent/terminal-config';
import { tempDir } from '../support/centre';

describe('a hub address with a path: one centre behind a province front', () => {
  it('the path is the prefix of Socket.IO and of the REST API, not a namespace; a trailing slash changes nothing', () => {
    expect(hubEndpointOf('https://tinh.example.vn/c/hoan-kiem')).toEqual({ origin: 'https://tinh.example.vn', prefix: '/c/hoan-kiem', socketPath: '/c/hoan-kiem/socket.io' });
    expect(hubEndpointOf('https://tinh.example.vn/c/hoan-kiem/')).toEqual(hubEndpointOf('https://tinh.example.vn/c/hoan-kiem'));
    expect(hubApiUrl('https://tinh.example.vn/c/hoan-kiem/', '/api/dossiers/X/pdf').toString()).toBe('https://tinh.example.vn/c/hoan-kiem/api/dossiers/X/pdf');
  });

  it('without a path: the hub\'s own paths, as before', () => {
    expect(hubEndpointOf('https://192.168.1.10:8080')).toEqual({ origin: 'https://192.168.1.10:8080', prefix: '', socketPath: '/socket.io' });
    expect(hubApiUrl('https://192.168.1.10:8080/', '/api/pair').toString()).toBe('https://192.168.1.10:8080/api/pair');
  });

  it('a query, a fragment or an odd path is refused', () => {
    expect(() => hubEndpointOf('https://h/c/x?y=1')).toThrow(/query/);
    expect(() => hubEndpointOf('https://h/c/x#y')).toThrow(/fragment/);
    expect(() => hubEndpointOf('https://h/c/a%20b')).toThrow(/plain segments/);
  });

  it('the terminal config takes a path (zod), and refuses a query with the field named', () => {
    const tmp = tempDir('motcua-terminal-config-');
    try {
      const load = (hubUrl: string) => {
        const file = path.join(tmp.dir, 'terminal.json');
        writeFileSync(file, JSON.stringify({ deviceId: 'kiosk-1', token: 'a-token-of-16-chars-or-more', hubUrl }));
        return loadTerminalConfig(file);
      };
      expect(load('http://127.0.0.1:8080/c/hoan-kiem')).toMatchObject({ ok: true, value: { hubUrl: 'http://127.0.0.1:8080/c/hoan-kiem' } });
      const bad = load('http://127.0.0.1:8080/c/hoan-kiem?x=1');
      expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      if (!bad.ok) expect(bad.error.message).toMatch(/hubUrl.*\/c\/<centre id>/);
    } finally {
      tmp.remove();
    }
  });
});
