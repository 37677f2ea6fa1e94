import { describe, expect, test } from 'vitest';
import { eraseLast, telexCompose, telexType } from '../../core/text/telex';

describe('Telex composer', () => {
  test.each([
    ['aa', 'â'],
    ['aw', 'ă'],
    ['ee', 'ê'],
    ['oo', 'ô'],
    ['ow', 'ơ'],
    ['uw', 'ư'],
    ['w', 'ư'],
    ['tw', 'tư'],
    ['dd', 'đ'],
    ['DDa', 'Đa'],
    ['Dd', 'Đ'],
  ])('shape %s → %s', (keys, expected) => {
    expect(telexCompose(keys)).toBe(expected);
  });

  test.each([
    ['as', 'á'],
    ['af', 'à'],
    ['ar', 'ả'],
    ['ax', 'ã'],
    ['aj', 'ạ'],
    ['asz', 'a'],
    ['asf', 'à'],
  ])('tone %s → %s', (keys, expected) => {
    expect(telexCompose(keys)).toBe(expected);
  });

  test.each([
    // The modern placement: oa, oe, uy open syllables take it on the second vowel.
    ['hoaf', 'hoà'],
    ['hofa', 'hoà'],
    ['khoer', 'khoẻ'],
    ['thuys', 'thuý'],
    ['hoaf', 'hoà'],
    // Closed syllables: the last vowel.
    ['toans', 'toán'],
    ['hoangf', 'hoàng'],
    ['hoafng', 'hoàng'],
    ['thuyeenf', 'thuyền'],
    // Other pairs: the first.
    ['maif', 'mài'],
    ['muaf', 'mùa'],
    ['tiaf', 'tìa'],
    ['caaur', 'cẩu'],
    // Three vowels: the middle one.
    ['ngoaif', 'ngoài'],
    ['khuyur', 'khuỷu'],
    // A shaped vowel wins; ươ takes it on ơ.
    ['nguoiwf', 'người'],
    ['dduwowcj', 'được'],
    ['dduowcj', 'được'],
    ['truwowngf', 'trường'],
    ['uwow', 'ươ'],
    ['uoww', 'uow'],
    ['ddaauf', 'đầu'],
    ['tieengs', 'tiếng'],
    ['muwaf', 'mừa'],
    ['muaw', 'mưa'],
    ['cuwus', 'cứu'],
    ['guiwr', 'gửi'],
    // qu and gi: the u and i belong to the consonant.
    ['quas', 'quá'],
    ['quyf', 'quỳ'],
    ['giaf', 'già'],
    ['gif', 'gì'],
    ['quawng', 'quăng'],
  ])('word %s → %s', (keys, expected) => {
    expect(telexCompose(keys)).toBe(expected);
  });

  test('sentences, capitals and digits', () => {
    expect(telexCompose('Vieetj Nam')).toBe('Việt Nam');
    expect(telexCompose('Nguyeenx Vawn An')).toBe('Nguyễn Văn An');
    expect(telexCompose('TRAANF THIJ BICHS')).toBe('TRẦN THỊ BÍCH');
    expect(telexCompose('Hooj tichj 0912345678')).toBe('Hộ tịch 0912345678');
    expect(telexCompose('ddawng kys khai sinh')).toBe('đăng ký khai sinh');
  });

  test('pressing a key twice undoes it and types the letter, so every spelling is reachable', () => {
    expect(telexCompose('aaa')).toBe('aa');
    expect(telexCompose('ass')).toBe('as');
    expect(telexCompose('ddd')).toBe('dd');
    expect(telexCompose('aww')).toBe('aw');
    expect(telexCompose('ooo')).toBe('oo');
    expect(telexCompose('az')).toBe('az');
  });

  test('a tone key with no vowel before it is just the letter', () => {
    expect(telexCompose('s')).toBe('s');
    expect(telexCompose('xin')).toBe('xin');
    expect(telexCompose('sinh')).toBe('sinh');
    expect(telexCompose('jr')).toBe('jr');
  });

  test('only the last word changes; what came before (even decomposed) stays as NFC', () => {
    expect(telexType('Vie\u0302\u0323t ', 'a')).toBe('Việt a');
    expect(telexType('Việt Na', 'm')).toBe('Việt Nam');
    expect(telexType('HK-26', 'a')).toBe('HK-26a');
    expect(telexType('x', '1')).toBe('x1');
    expect(telexType('abc', 'đ')).toBe('abcđ');
  });

  test('the result is always NFC', () => {
    for (const keys of ['nguoiwf', 'Vieetj Nam', 'khuyur', 'dduwowcj']) {
      const out = telexCompose(keys);
      expect(out).toBe(out.normalize('NFC'));
    }
  });

  test('erasing removes one whole letter', () => {
    expect(eraseLast('Việt')).toBe('Việ');
    expect(eraseLast('Vie\u0302\u0323')).toBe('Vi');
    expect(eraseLast('')).toBe('');
  });
});
