import { describe, expect, test } from 'vitest';
import { voiceClipBase } from '../../renderer/display/voice-source';

describe('where the display finds its clips', () => {
  test('the path the agent puts in the address', () => {
    expect(voiceClipBase('http://127.0.0.1:5301/?token=abc&voice=%2Fvoice%2Fclips%2F')).toBe('/voice/clips/');
    expect(voiceClipBase('app://motcua/index.html?voice=/voice/clips/')).toBe('/voice/clips/');
  });

  test('no parameter, or anything but a same-origin folder path, means no voice', () => {
    for (const href of [
      'http://127.0.0.1:5301/?token=abc',
      'http://h/?voice=',
      'http://h/?voice=//evil.example/clips/',
      'http://h/?voice=https://evil.example/clips/',
      'http://h/?voice=/voice/clips',
      'http://h/?voice=/voice/../secret/',
      'http://h/?voice=/voice/clips/%3Cscript%3E/',
    ]) {
      expect(voiceClipBase(href), href).toBeNull();
    }
  });
});
