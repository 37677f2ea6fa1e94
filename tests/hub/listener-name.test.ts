import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LISTENER_ID_FILE, listenerName } from '../../hub/store/pg/listener-name';
import { tempDir } from '../support/centre';

describe("a hub process's name among its centre's listeners (hub/store/pg/listener-name.ts)", () => {
  it('is the same when the process starts again from its data dir, another from another dir, and mends an unreadable id', () => {
    const tmp = tempDir();
    try {
      const a = path.join(tmp.dir, 'a');
      const first = listenerName(a, 3101);
      expect(first).toMatch(/^.+:3101:[0-9a-f-]{36}$/);
      expect(listenerName(a, 3101)).toBe(first);
      expect(listenerName(path.join(tmp.dir, 'b'), 3101)).not.toBe(first);
      writeFileSync(path.join(a, LISTENER_ID_FILE), 'not an id\n');
      const mended = listenerName(a, 3101);
      expect(mended).not.toBe(first);
      expect(readFileSync(path.join(a, LISTENER_ID_FILE), 'utf8').trim()).toBe(mended.split(':').at(-1));
    } finally {
      tmp.remove();
    }
  });
});
