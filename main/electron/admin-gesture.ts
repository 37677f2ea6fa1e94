/**
 * The ways into the admin PIN dialog. Nothing a passer-by does by chance: five quick taps in the
 * top-left corner of the touchscreen, or Ctrl+Alt+Shift+M on a keyboard. Pure, so the preload
 * (taps) and the main process (keys) share rules that are unit-tested.
 */

export const CORNER_TAPS = 5;
export const CORNER_WINDOW_MS = 3000;
/** The hot corner: a square this many CSS pixels wide at the top-left of the page. */
export const CORNER_SIZE_PX = 80;

export class CornerTapDetector {
  #taps: number[] = [];

  /** Records a tap at (x, y) at time `at` (ms); true when it completes the gesture. */
  tap(x: number, y: number, at: number): boolean {
    if (x > CORNER_SIZE_PX || y > CORNER_SIZE_PX || x < 0 || y < 0) {
      // A tap elsewhere breaks the sequence: the gesture is deliberate, not accumulated.
      this.#taps = [];
      return false;
    }
    this.#taps = [...this.#taps.filter((t) => at - t < CORNER_WINDOW_MS && at >= t), at];
    if (this.#taps.length < CORNER_TAPS) return false;
    this.#taps = [];
    return true;
  }
}

interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

export function isAdminHotkey(input: KeyInput): boolean {
  return input.type === 'keyDown' && input.key.toLowerCase() === 'm' && (input.control || input.meta) && input.alt && input.shift;
}
