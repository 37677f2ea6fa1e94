import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';
import { err, ok, type Result } from '../result';
import { letterClip, numberWordClip, PHRASE_CLIPS, type VoiceClip } from './clip-catalogue';

/** The largest ticket number a service block can issue (ServiceSchema.numberTo). */
export const MAX_SPOKEN_NUMBER = 99_999;

/** One spoken call: the sentence, and the clips that say it, in order. */
export interface CallAnnouncement {
  readonly text: string;
  readonly clips: readonly string[];
}

// No unit ("đơn vị" by default): we read bare numbers.
const READING = Object.assign(new ReadingConfig(), { unit: [] as string[] });

/** The words of a whole number 0–99 999, as `read-vietnamese-number` reads it ("một nghìn không trăm hai mươi ba"). */
export function numberWords(n: number): Result<readonly string[]> {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) return err('invalid-input', `Không đọc được số ${n}: chỉ đọc số nguyên từ 0 đến ${MAX_SPOKEN_NUMBER}.`);
  return ok(doReadNumber(String(n), READING).split(' ').filter((w) => w !== ''));
}

/** The clips of a number, word by word. */
export function numberClips(n: number): Result<readonly VoiceClip[]> {
  const words = numberWords(n);
  if (!words.ok) return words;
  const clips: VoiceClip[] = [];
  for (const word of words.value) {
    const clip = numberWordClip(word);
    if (clip === undefined) return err('internal', `Không có đoạn âm thanh cho từ "${word}" (số ${n}).`);
    clips.push(clip);
  }
  return ok(clips);
}

/**
 * A counter label is runs of digits and single letters: "3", "12", "3A", "A2". Digits are read
 * as one number ("12" → "mười hai"), letters by their Vietnamese names ("A" → "a").
 */
export function counterLabelClips(label: string): Result<readonly VoiceClip[]> {
  const trimmed = label.trim();
  const tokens = trimmed.match(/\d+|[A-Za-z]/g) ?? [];
  if (trimmed === '' || tokens.join('') !== trimmed) {
    return err('invalid-input', `Không đọc được tên quầy "${label}": chỉ gồm chữ số và chữ cái A–Z, ví dụ "3", "12", "3A".`);
  }
  const clips: VoiceClip[] = [];
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      const read = numberClips(Number(token));
      if (!read.ok) return err('invalid-input', `Không đọc được tên quầy "${label}": ${read.error.message}`);
      clips.push(...read.value);
    } else {
      clips.push(letterClip(token) as VoiceClip);
    }
  }
  return ok(clips);
}

/**
 * "Mời khách hàng số <number> đến quầy số <counter>", as clips. A call is never announced
 * without its counter: a label that cannot be read is an error, not a shorter sentence.
 */
export function planCallAnnouncement(number: number, counterLabel: string): Result<CallAnnouncement> {
  if (number < 1) return err('invalid-input', `Số thứ tự ${number} không hợp lệ.`);
  const numberPart = numberClips(number);
  if (!numberPart.ok) return numberPart;
  const counterPart = counterLabelClips(counterLabel);
  if (!counterPart.ok) return counterPart;
  const clips = [PHRASE_CLIPS.invite, ...numberPart.value, PHRASE_CLIPS.toCounter, ...counterPart.value];
  return ok({ text: clips.map((c) => c.text).join(' '), clips: clips.map((c) => c.id) });
}
