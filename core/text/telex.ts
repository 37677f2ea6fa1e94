/**
 * Vietnamese Telex input, one keystroke at a time, for the kiosk's on-screen keyboard.
 *
 * Shapes: aa→â, ee→ê, oo→ô, aw→ă, ow→ơ, uw→ư (uow→ươ, uaw→ưa), dd→đ, w alone→ư.
 * Tones: s sắc, f huyền, r hỏi, x ngã, j nặng; z takes the tone off. Typing the same shape or
 * tone key again undoes it and types the letter itself ("aaa"→"aa", "ass"→"as"), so every word
 * can still be written.
 *
 * Where the tone goes — one rule, the "modern" placement (kiểu mới, as in the 2018 general
 * education programme's spelling and most input methods' default):
 * 1. a vowel with a shape mark (â ă ê ô ơ ư) takes it; in ươ the ơ (người, được);
 * 2. otherwise, a syllable closed by a consonant puts it on its last vowel (toán, hoàng, thuyền);
 * 3. otherwise one vowel takes it; oa, oe, uy put it on the second (hoà, khoẻ, thuý); other pairs
 *    on the first (mái, múa, tìa); three vowels on the middle one (ngoài, khuỷu).
 * The u of qu and the i of gi before another vowel are part of the consonant (quá, già; but gì).
 * The tone moves as the word grows: "hoaf" is "hoà", and "hofa" is "hoà" too.
 *
 * Pure: text in, text out (NFC). Only the last word of the text (its trailing letters) is touched.
 */

const TONES = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' } as const;
type ToneKey = keyof typeof TONES;
const TONE_MARKS: ReadonlySet<string> = new Set(Object.values(TONES));

const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

interface Letter {
  /** The bare letter, lower case: a–z or đ. */
  base: string;
  /** The shape mark (circumflex, breve, horn) or ''. */
  shape: string;
  /** The tone mark or ''. */
  tone: string;
  upper: boolean;
}

const isToneKey = (key: string): key is ToneKey => Object.hasOwn(TONES, key);

function letterOf(ch: string): Letter | null {
  const lower = ch.toLowerCase();
  const upper = lower !== ch;
  if (lower === 'đ') return { base: 'đ', shape: '', tone: '', upper };
  const parts = [...lower.normalize('NFD')];
  const base = parts[0] ?? '';
  if (!/^[a-z]$/.test(base)) return null;
  let shape = '';
  let tone = '';
  for (const mark of parts.slice(1)) {
    if (TONE_MARKS.has(mark)) tone = mark;
    else if (mark === CIRCUMFLEX || mark === BREVE || mark === HORN) shape = mark;
    else return null;
  }
  return { base, shape, tone, upper };
}

function textOf(letter: Letter): string {
  const lower = `${letter.base}${letter.shape}${letter.tone}`.normalize('NFC');
  return letter.upper ? lower.toUpperCase() : lower;
}

const isVowel = (l: Letter): boolean => VOWELS.has(l.base);

/** The indexes of the syllable's vowel nucleus (qu/gi excluded), or [] if none. */
function nucleus(word: readonly Letter[]): number[] {
  let start = word.findIndex(isVowel);
  if (start < 0) return [];
  const before = start > 0 ? word[start - 1]?.base : undefined;
  const next = word[start + 1];
  const glide = (before === 'q' && word[start]?.base === 'u') || (before === 'g' && word[start]?.base === 'i');
  if (glide && next !== undefined && isVowel(next)) start += 1;
  const out: number[] = [];
  for (let i = start; i < word.length && isVowel(word[i] as Letter); i++) out.push(i);
  return out;
}

/** Where the tone goes, by the modern rule above. */
function toneIndex(word: readonly Letter[]): number | null {
  const vowels = nucleus(word);
  if (vowels.length === 0) return null;
  const shaped = vowels.filter((i) => (word[i] as Letter).shape !== '');
  if (shaped.length > 0) return shaped[shaped.length - 1] as number;
  const last = vowels[vowels.length - 1] as number;
  if (last < word.length - 1) return last;
  if (vowels.length === 1) return last;
  if (vowels.length >= 3) return vowels[1] as number;
  const pair = vowels.map((i) => (word[i] as Letter).base).join('');
  return pair === 'oa' || pair === 'oe' || pair === 'uy' ? last : (vowels[0] as number);
}

/** Puts the word's tone (if any) where it belongs now. */
function placeTone(word: Letter[]): void {
  const tone = word.find((l) => l.tone !== '')?.tone ?? '';
  if (tone === '') return;
  const at = toneIndex(word);
  if (at === null) return;
  for (const l of word) l.tone = '';
  (word[at] as Letter).tone = tone;
}

function literal(key: string): Letter {
  return letterOf(key) as Letter;
}

/** Applies a shape key (a, e, o, w, d) to the word, or returns false when it is just a letter. */
function applyShape(word: Letter[], key: string): boolean {
  const k = key.toLowerCase();
  const vowels = nucleus(word);
  const at = (i: number): Letter => word[i] as Letter;
  if (k === 'd') {
    const d = word.findIndex((l) => l.base === 'd');
    const dd = word.findIndex((l) => l.base === 'đ');
    if (dd >= 0) {
      at(dd).base = 'd';
      word.push(literal(key));
      return true;
    }
    if (d < 0) return false;
    at(d).base = 'đ';
    return true;
  }
  if (k === 'a' || k === 'e' || k === 'o') {
    const same = vowels.filter((i) => at(i).base === k);
    const target = same[same.length - 1];
    if (target === undefined) return false;
    if (at(target).shape === CIRCUMFLEX) {
      at(target).shape = '';
      word.push(literal(key));
    } else {
      at(target).shape = CIRCUMFLEX;
    }
    return true;
  }
  if (k === 'w') {
    const bases = vowels.map((i) => at(i).base).join('');
    const uo = bases.indexOf('uo');
    // uow and uwow both make ươ.
    if (uo >= 0 && (at(vowels[uo] as number).shape !== HORN || at(vowels[uo + 1] as number).shape !== HORN)) {
      at(vowels[uo] as number).shape = HORN;
      at(vowels[uo + 1] as number).shape = HORN;
      return true;
    }
    const hooked = vowels.filter((i) => at(i).shape === BREVE || at(i).shape === HORN);
    if (hooked.length > 0) {
      for (const i of hooked) at(i).shape = '';
      word.push(literal(key));
      return true;
    }
    // ưa, ưi, ưu: the u first (mưa, gửi, cứu).
    if (vowels.length >= 2 && bases[0] === 'u') {
      at(vowels[0] as number).shape = HORN;
      return true;
    }
    for (let j = vowels.length - 1; j >= 0; j--) {
      const l = at(vowels[j] as number);
      if (l.base === 'a' || l.base === 'o' || l.base === 'u') {
        l.shape = l.base === 'a' ? BREVE : HORN;
        return true;
      }
    }
    // No vowel to hook: w is ư itself (tư, ư).
    if (vowels.length === 0) {
      word.push({ base: 'u', shape: HORN, tone: '', upper: key !== k });
      return true;
    }
    return false;
  }
  return false;
}

/** Applies a tone key (s f r x j) or z; false when it is just a letter (no vowel to carry it). */
function applyTone(word: Letter[], key: string): boolean {
  const k = key.toLowerCase();
  const at = toneIndex(word);
  if (at === null) return false;
  const current = word.find((l) => l.tone !== '')?.tone ?? '';
  if (k === 'z') {
    if (current === '') return false;
    for (const l of word) l.tone = '';
    return true;
  }
  const tone = TONES[k as ToneKey];
  for (const l of word) l.tone = '';
  if (current === tone) {
    word.push(literal(key));
    return true;
  }
  (word[at] as Letter).tone = tone;
  return true;
}

/** The text after one more keystroke: `key` is one character (a letter, digit, space, …). */
export function telexType(text: string, key: string): string {
  const chars = [...text.normalize('NFC')];
  let start = chars.length;
  while (start > 0 && letterOf(chars[start - 1] as string) !== null) start--;
  const head = chars.slice(0, start).join('');
  const letter = [...key].length === 1 ? letterOf(key) : null;
  if (letter === null || letter.shape !== '' || letter.tone !== '' || letter.base === 'đ') return `${text.normalize('NFC')}${key}`;
  const word = chars.slice(start).map((c) => letterOf(c) as Letter);
  const k = key.toLowerCase();
  const done = isToneKey(k) || k === 'z' ? applyTone(word, key) : applyShape(word, key);
  if (!done) word.push(letter);
  placeTone(word);
  return head + word.map(textOf).join('');
}

/** A whole key sequence typed into an empty field: `telexCompose("Vieetj Nam")` is "Việt Nam". */
export function telexCompose(keys: string, from = ''): string {
  return [...keys].reduce(telexType, from);
}

/** The text with its last character removed (one user-perceived letter: "ệ" is one). */
export function eraseLast(text: string): string {
  return [...text.normalize('NFC')].slice(0, -1).join('');
}
