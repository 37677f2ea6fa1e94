import { useEffect, useRef, useState } from 'react';
import type { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import { eraseLast, telexType } from '../../core/text/telex';
import { useStrings } from '../i18n/strings';
import { FN, KEYBOARD_LAYOUTS, keysOf, type KeyboardLayoutKind } from './keyboard-layouts';
import './on-screen-keyboard.css';

interface OnScreenKeyboardProps {
  readonly layout: KeyboardLayoutKind;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The keyboard's accessible name, e.g. "Bàn phím nhập mã hồ sơ". */
  readonly label: string;
  readonly maxLength?: number;
  readonly disabled?: boolean;
}

/**
 * Large touch keys under a kiosk field, drawn by simple-keyboard. The keyboard holds no text of
 * its own: each key press becomes the field's next value (through the Telex composer on the
 * `telex` layout), so the field stays the one source of truth and a scanner can still type into it.
 * simple-keyboard is fetched when a keyboard first shows (its own chunk, ≈ 30 kB gzip): the kiosk's
 * home screen does not wait for it.
 */
export function OnScreenKeyboard({ layout, value, onChange, label, maxLength = 200, disabled = false }: OnScreenKeyboardProps) {
  const strings = useStrings().keyboard;
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  // simple-keyboard keeps the handler it was given: it reads the latest props through this.
  const latest = useRef({ value, onChange, maxLength, disabled, layout });
  latest.current = { value, onChange, maxLength, disabled, layout };
  // Bumped once the board exists, so the names below are applied to it.
  const [ready, setReady] = useState(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let closed = false;
    const press = (key: string): void => {
      const now = latest.current;
      const board = keyboard.current;
      if (now.disabled || !board) return;
      const page = board.options.layoutName ?? 'default';
      if (key === FN.shift) return board.setOptions({ layoutName: page === 'shift' ? 'default' : 'shift' });
      if (key === FN.digits) return board.setOptions({ layoutName: 'digits' });
      if (key === FN.letters) return board.setOptions({ layoutName: 'default' });
      if (key === FN.erase) return now.onChange(eraseLast(now.value));
      const typed = key === FN.space ? ' ' : key;
      const next = now.layout === 'telex' && typed !== ' ' ? telexType(now.value, typed) : `${now.value}${typed}`;
      if ([...next].length <= now.maxLength) now.onChange(next);
      // Shift is for one letter, as on a phone.
      if (page === 'shift') board.setOptions({ layoutName: 'default' });
    };
    void import('simple-keyboard').then(({ SimpleKeyboard }) => {
      if (closed) return;
      keyboard.current = new SimpleKeyboard(element, {
        layout: Object.fromEntries(Object.entries(KEYBOARD_LAYOUTS[layout]).map(([page, rows]: [string, readonly string[]]) => [page, [...rows]])),
        layoutName: 'default',
        theme: 'hg-theme-default k-osk-theme',
        onKeyPress: press,
        disableButtonHold: true,
        preventMouseDownDefault: true,
        physicalKeyboardHighlight: false,
      });
      setReady((n) => n + 1);
    });
    return () => {
      closed = true;
      keyboard.current?.destroy();
      keyboard.current = null;
    };
  }, [layout]);

  // Screen-reader names and the words on the function keys follow the language.
  useEffect(() => {
    const names: Record<string, string> = {
      [FN.erase]: strings.erase,
      [FN.space]: strings.space,
      [FN.shift]: strings.shift,
      [FN.digits]: strings.digits,
      [FN.letters]: strings.letters,
    };
    keyboard.current?.setOptions({
      display: names,
      buttonAttributes: [
        { attribute: 'role', value: 'button', buttons: keysOf(layout).join(' ') },
        ...keysOf(layout).map((key) => ({ attribute: 'aria-label', value: names[key] ?? key, buttons: key })),
      ],
    });
  }, [layout, strings, ready]);

  return (
    <div
      className={disabled ? 'k-osk k-osk-disabled' : 'k-osk'}
      role="group"
      aria-label={label}
      aria-disabled={disabled || undefined}
      data-testid="on-screen-keyboard"
      data-layout={layout}
    >
      <div ref={host} className="simple-keyboard" />
    </div>
  );
}
