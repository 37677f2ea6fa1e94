import { useEffect, useRef } from 'react';
import { useBridgeEvent } from '../../bridge/use-bridge-event';

/** A keyboard-wedge scanner types a whole code within a few ms per key; people rarely beat ~60 ms. */
const MAX_KEY_GAP_MS = 35;
/** Fewer characters than this ending in Enter is a person, not a scanner (a dossier code has 14). */
const MIN_SCAN_LENGTH = 8;

type Typable = HTMLInputElement | HTMLTextAreaElement;

function isTypable(target: EventTarget | null): target is Typable {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/** Puts a React-controlled field back as it was: the native setter, then the event React listens to. */
function restoreValue(field: Typable, value: string): void {
  const proto = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Codes from a keyboard-wedge scanner anywhere on the page: a fast burst of keys ending in Enter.
 * Keys typed slowly (a clerk in a field) are left alone; when a burst lands in a field, the field
 * gets back the text it had before the burst, and `onScan` gets the code.
 */
export function useWedgeScanner(onScan: (code: string) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let buffer = '';
    let lastAt = 0;
    let fieldBefore: { field: Typable; value: string } | null = null;
    const onKeyDown = (e: KeyboardEvent): void => {
      const now = performance.now();
      const fast = now - lastAt <= MAX_KEY_GAP_MS;
      lastAt = now;
      if (e.key === 'Enter') {
        const code = buffer;
        const field = fieldBefore;
        buffer = '';
        fieldBefore = null;
        if (fast && code.length >= MIN_SCAN_LENGTH) {
          e.preventDefault();
          e.stopPropagation();
          if (field !== null && field.field.value !== field.value) restoreValue(field.field, field.value);
          latest.current(code);
        }
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey) return;
      if (!fast) {
        buffer = '';
        fieldBefore = isTypable(e.target) ? { field: e.target, value: e.target.value } : null;
      }
      buffer += e.key;
    };
    // Capture: the scan is seen before a field's own Enter handling (a form submit).
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}

/** Codes from the terminal's serial QR scanner: each scan event once, while `enabled`; scans from before mounting are not replayed. */
export function useSerialScans(onScan: (code: string) => void, enabled = true): void {
  useBridgeEvent('scan', (scan) => onScan(scan.code), enabled);
}
