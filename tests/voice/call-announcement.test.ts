import { describe, expect, test } from 'vitest';
import { counterLabelClips, MAX_SPOKEN_NUMBER, numberClips, planCallAnnouncement } from '../../core/voice/call-announcement';
import { ALL_CLIP_IDS, clipById, GUIDANCE_CLIPS, VOICE_CLIPS } from '../../core/voice/clip-catalogue';

/** Hand-written: how a Vietnamese speaker reads each number (Northern usage: nghìn, lẻ). */
const NUMBERS: readonly (readonly [number, string, readonly string[]])[] = [
  [1001, 'một nghìn không trăm lẻ một', ['mot-nang', 'nghin', 'khong', 'tram', 'le', 'mot-nang']],
  [1010, 'một nghìn không trăm mười', ['mot-nang', 'nghin', 'khong', 'tram', 'muoi-huyen']],
  [1021, 'một nghìn không trăm hai mươi mốt', ['mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'mot-sac']],
  [1023, 'một nghìn không trăm hai mươi ba', ['mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'ba']],
  [1024, 'một nghìn không trăm hai mươi tư', ['mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'tu']],
  [1025, 'một nghìn không trăm hai mươi lăm', ['mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'lam']],
  [1105, 'một nghìn một trăm lẻ năm', ['mot-nang', 'nghin', 'mot-nang', 'tram', 'le', 'nam']],
  [2000, 'hai nghìn', ['hai', 'nghin']],
  [10000, 'mười nghìn', ['muoi-huyen', 'nghin']],
  [5, 'năm', ['nam']],
  [15, 'mười lăm', ['muoi-huyen', 'lam']],
  [21, 'hai mươi mốt', ['hai', 'muoi-ngang', 'mot-sac']],
  [101, 'một trăm lẻ một', ['mot-nang', 'tram', 'le', 'mot-nang']],
];

const INVITE = 'moi-khach-hang-so';
const TO_COUNTER = 'den-quay-so';

describe('the words of a ticket number', () => {
  test.each(NUMBERS)('%i is read "%s"', (n, words, clips) => {
    const read = numberClips(n);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.map((c) => c.text).join(' ')).toBe(words);
    expect(read.value.map((c) => c.id)).toEqual(clips);
  });

  test('numbers outside 0–99 999 or not whole are refused, not misread', () => {
    for (const n of [-1, 1.5, 100_000, Number.NaN]) expect(numberClips(n).ok).toBe(false);
  });
});

describe('the counter label', () => {
  test.each([
    ['3', ['ba']],
    ['12', ['muoi-huyen', 'hai']],
    ['3A', ['ba', 'chu-a']],
    ['3a', ['ba', 'chu-a']],
    ['12B', ['muoi-huyen', 'hai', 'chu-b']],
    ['A2', ['chu-a', 'hai']],
    ['21', ['hai', 'muoi-ngang', 'mot-sac']],
  ] as const)('"%s" → %j', (label, clips) => {
    const read = counterLabelClips(label);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.map((c) => c.id)).toEqual(clips);
  });

  test('a label that cannot be spoken is an error naming it, never a sentence without the counter', () => {
    for (const label of ['', ' ', 'Quầy 3', '3-A', 'Đ', '3 A', '1234567']) {
      const plan = planCallAnnouncement(1023, label);
      expect(plan.ok, label).toBe(false);
      if (!plan.ok) expect(plan.error.kind).toBe('invalid-input');
    }
    const plan = planCallAnnouncement(1023, 'Quầy 3');
    expect(!plan.ok && plan.error.message).toContain('"Quầy 3"');
  });
});

describe('the whole call', () => {
  test('"Mời khách hàng số một nghìn không trăm hai mươi ba đến quầy số ba"', () => {
    const plan = planCallAnnouncement(1023, '3');
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.text).toBe('Mời khách hàng số một nghìn không trăm hai mươi ba đến quầy số ba');
    expect(plan.value.clips).toEqual([INVITE, 'mot-nang', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'ba', TO_COUNTER, 'ba']);
  });

  test.each(NUMBERS)('%i at counter 3A', (n, _words, clips) => {
    const plan = planCallAnnouncement(n, '3A');
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.clips).toEqual([INVITE, ...clips, TO_COUNTER, 'ba', 'chu-a']);
  });

  test('ticket 0 does not exist', () => {
    expect(planCallAnnouncement(0, '1').ok).toBe(false);
  });
});

describe('the clip set', () => {
  test('ids are unique file-safe names, and every clip says something', () => {
    expect(new Set(ALL_CLIP_IDS).size).toBe(ALL_CLIP_IDS.length);
    for (const clip of VOICE_CLIPS) {
      expect(clip.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(clip.text.trim()).not.toBe('');
    }
    expect(VOICE_CLIPS.filter((c) => c.kind === 'letter')).toHaveLength(26);
    expect(VOICE_CLIPS.filter((c) => c.kind === 'phrase').map((c) => c.id)).toEqual([INVITE, TO_COUNTER]);
    expect(VOICE_CLIPS.filter((c) => c.kind === 'guidance').map((c) => c.id)).toEqual(Object.values(GUIDANCE_CLIPS).map((c) => c.id));
  });

  test('every number 1–99 999 at every label of up to two digits and a letter is planned from the exported set, and every clip is used', () => {
    const exported = new Set(ALL_CLIP_IDS);
    const used = new Set<string>();
    for (let n = 1; n <= MAX_SPOKEN_NUMBER; n++) {
      const read = numberClips(n);
      if (!read.ok) throw new Error(`${n}: ${read.error.message}`);
      for (const c of read.value) used.add(c.id);
    }
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    for (let d = 0; d <= 99; d++) {
      for (const suffix of ['', ...letters]) {
        const plan = planCallAnnouncement(99_999, `${d}${suffix}`);
        if (!plan.ok) throw new Error(`${d}${suffix}: ${plan.error.message}`);
        for (const id of plan.value.clips) used.add(id);
      }
    }
    expect([...used].filter((id) => !exported.has(id))).toEqual([]);
    // The kiosk's guidance sentences are played whole, never part of a call.
    expect(VOICE_CLIPS.filter((c) => c.kind !== 'guidance' && !used.has(c.id))).toEqual([]);
    expect(clipById('mot-sac')?.text).toBe('mốt');
  });
});
