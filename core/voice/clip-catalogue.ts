/**
 * Every clip an announcement can be made of. The set is closed: the numbers the queue issues
 * (1–99 999) are read with 18 words, a counter label adds the letters A–Z, and two fixed
 * phrases frame the sentence. The build renders exactly this list, and a centre that records
 * its own voice records exactly this list.
 *
 * Ids are file names (`<id>.wav`), so they are plain ASCII: the word without its marks, and
 * where two words would then collide (một / mốt, mười / mươi) the Vietnamese name of the tone
 * is added (nặng, sắc, huyền, ngang) — what a Vietnamese speaker would write to tell them apart.
 */

export type ClipKind = 'phrase' | 'number-word' | 'letter' | 'guidance';

export interface VoiceClip {
  readonly id: string;
  /** What the clip says, in Vietnamese: the text given to the synthesiser and shown to a centre recording its own. */
  readonly text: string;
  readonly kind: ClipKind;
}

export const PHRASE_CLIPS = {
  invite: { id: 'moi-khach-hang-so', text: 'Mời khách hàng số', kind: 'phrase' },
  toCounter: { id: 'den-quay-so', text: 'đến quầy số', kind: 'phrase' },
} as const satisfies Record<string, VoiceClip>;

/**
 * The kiosk's spoken guidance, one sentence per step (renderer/kiosk/use-kiosk-guidance.ts), built
 * with the display's clips by the same `npm run build` and recordable by a centre the same way.
 */
export const GUIDANCE_CLIPS = {
  home: { id: 'huong-dan-chon-dich-vu', text: 'Mời bạn chọn dịch vụ để lấy số thứ tự.', kind: 'guidance' },
  checkIn: { id: 'huong-dan-nhap-ma-hen', text: 'Mời bạn nhập mã đặt lịch hẹn, hoặc đưa mã QR trên phiếu hẹn vào máy quét.', kind: 'guidance' },
  lookup: { id: 'huong-dan-tra-cuu', text: 'Mời bạn nhập mã hồ sơ trên giấy tiếp nhận, hoặc đưa mã QR vào máy quét.', kind: 'guidance' },
  search: { id: 'huong-dan-tim-dich-vu', text: 'Mời bạn gõ tên dịch vụ cần tìm trên bàn phím.', kind: 'guidance' },
  printing: { id: 'huong-dan-dang-in', text: 'Đang in vé, vui lòng chờ trong giây lát.', kind: 'guidance' },
  issued: { id: 'huong-dan-nhan-ve', text: 'Vui lòng nhận vé ở khe máy in, và chờ đến lượt trên màn hình phòng chờ.', kind: 'guidance' },
  failed: { id: 'huong-dan-chua-lay-duoc-so', text: 'Chưa lấy được số thứ tự. Vui lòng thử lại, hoặc liên hệ cán bộ hướng dẫn.', kind: 'guidance' },
} as const satisfies Record<string, VoiceClip>;

export type KioskGuidanceStep = keyof typeof GUIDANCE_CLIPS;

/**
 * The words `read-vietnamese-number` emits (default reading: "nghìn", "lẻ", "tư") for 0–99 999.
 * A word outside this table means the library or its settings changed: the planner refuses it
 * rather than ask for a clip the build never made.
 */
const NUMBER_WORDS: readonly (readonly [word: string, id: string])[] = [
  ['không', 'khong'],
  ['một', 'mot-nang'],
  ['hai', 'hai'],
  ['ba', 'ba'],
  ['bốn', 'bon'],
  ['năm', 'nam'],
  ['sáu', 'sau'],
  ['bảy', 'bay'],
  ['tám', 'tam'],
  ['chín', 'chin'],
  ['mười', 'muoi-huyen'],
  ['mươi', 'muoi-ngang'],
  ['trăm', 'tram'],
  ['nghìn', 'nghin'],
  ['lẻ', 'le'],
  ['mốt', 'mot-sac'],
  ['tư', 'tu'],
  ['lăm', 'lam'],
];

/** How the letters of a counter label ("3A") are said in Vietnamese. */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a', B: 'bê', C: 'xê', D: 'dê', E: 'e', F: 'ép', G: 'giê', H: 'hát', I: 'i', J: 'gi', K: 'ca', L: 'e lờ', M: 'em mờ',
  N: 'en nờ', O: 'o', P: 'pê', Q: 'quy', R: 'e rờ', S: 'ét xì', T: 'tê', U: 'u', V: 'vê', W: 'vê kép', X: 'ích xì', Y: 'i dài', Z: 'dét',
};

const NUMBER_WORD_CLIPS: ReadonlyMap<string, VoiceClip> = new Map(
  NUMBER_WORDS.map(([word, id]) => [word, { id, text: word, kind: 'number-word' }]),
);

/** The clip of a letter A–Z (either case), or undefined. */
export function letterClip(letter: string): VoiceClip | undefined {
  const upper = letter.toUpperCase();
  const name = LETTER_NAMES[upper];
  return name === undefined || upper.length !== 1 ? undefined : { id: `chu-${upper.toLowerCase()}`, text: name, kind: 'letter' };
}

/** The clip of one word of a number as the library spells it, or undefined. */
export function numberWordClip(word: string): VoiceClip | undefined {
  return NUMBER_WORD_CLIPS.get(word.normalize('NFC'));
}

/** Every clip, in a stable order: phrases, number words, letters, the kiosk's guidance. */
export const VOICE_CLIPS: readonly VoiceClip[] = [
  ...Object.values(PHRASE_CLIPS),
  ...NUMBER_WORD_CLIPS.values(),
  ...Object.keys(LETTER_NAMES).map((l) => letterClip(l) as VoiceClip),
  ...Object.values(GUIDANCE_CLIPS),
];

export const ALL_CLIP_IDS: readonly string[] = VOICE_CLIPS.map((c) => c.id);

const CLIPS_BY_ID: ReadonlyMap<string, VoiceClip> = new Map(VOICE_CLIPS.map((c) => [c.id, c]));

export function clipById(id: string): VoiceClip | undefined {
  return CLIPS_BY_ID.get(id);
}
