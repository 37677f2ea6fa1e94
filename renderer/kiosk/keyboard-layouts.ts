/**
 * The on-screen keyboard's layouts, in simple-keyboard's notation (rows of space-separated keys;
 * `{…}` are function keys). Vietnamese needs no extra keys: Telex makes every letter from these.
 */
export type KeyboardLayoutKind = 'telex' | 'code' | 'numeric';

/** The function keys this kiosk uses. */
export const FN = {
  erase: '{bksp}',
  space: '{space}',
  shift: '{shift}',
  digits: '{digits}',
  letters: '{letters}',
} as const;

export const KEYBOARD_LAYOUTS = {
  /** Names and words: QWERTY with Telex; digits on their own page. */
  telex: {
    default: ['q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m {bksp}', '{digits} {space}'],
    shift: ['Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M {bksp}', '{digits} {space}'],
    digits: ['1 2 3', '4 5 6', '7 8 9', '{letters} 0 {bksp}'],
  },
  /** Codes such as "HK-261120-0007": capitals, digits and the dash; never Telex. */
  code: {
    default: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L -', 'Z X C V B N M {bksp}'],
  },
  /** Phone numbers and digit-only codes: a large telephone pad. */
  numeric: {
    default: ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}'],
  },
} as const satisfies Record<KeyboardLayoutKind, Record<string, readonly string[]>>;

/** Every key of a layout (each once), for the screen-reader labels. */
export function keysOf(kind: KeyboardLayoutKind): string[] {
  const rows = Object.values(KEYBOARD_LAYOUTS[kind]) as readonly (readonly string[])[];
  return [...new Set(rows.flat().flatMap((row) => row.split(' ')))];
}
