import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { GUIDANCE_CLIPS } from '../../core/voice/clip-catalogue';
import { seriousAxeViolations } from '../support/axe';
import { contextFor } from './support/contexts';
import { REPO } from './support/renderer-build';
import { KIOSK_PORTRAIT, type RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/**
 * The kiosk's on-screen keyboard (simple-keyboard, Telex composed by core/text/telex.ts) and its
 * spoken guidance (the clips `npm run build` makes with espeak-ng), driven by touch in Chromium.
 */

const screens = useScreenHarness();
const CLIPS = path.join(REPO, 'dist/voice/clips');

const openKiosk = async (): Promise<RendererPage> => {
  const kiosk = await screens.open({ context: contextFor('kiosk-1'), delayMs: 50, printed: { ok: true } }, KIOSK_PORTRAIT, true);
  await kiosk.page.locator('.k-tile').first().waitFor();
  return kiosk;
};

/** Taps each key by its accessible name, as a citizen's finger would. */
async function tapKeys(keyboard: Locator, keys: readonly string[]): Promise<void> {
  for (const key of keys) await keyboard.getByRole('button', { name: key, exact: true }).tap();
}
const letters = (word: string): string[] => [...word].map((c) => (c === ' ' ? 'Dấu cách' : c));

async function openSearch(page: Page): Promise<Locator> {
  await page.getByTestId('kiosk-search-open').tap();
  const keyboard = page.getByTestId('kiosk-search').getByRole('group', { name: 'Bàn phím tiếng Việt (kiểu gõ Telex)' });
  await keyboard.getByRole('button', { name: 'a', exact: true }).waitFor();
  return keyboard;
}

describe('kiosk on-screen keyboard', () => {
  test('Telex typed on the keys fills the search with Vietnamese, the matching tile takes a number', async () => {
    const kiosk = await openKiosk();
    const { page } = kiosk;
    // Without a voice build (no ?voice=) the kiosk offers no guidance switch.
    expect(await page.getByTestId('kiosk-guidance').count()).toBe(0);
    const keyboard = await openSearch(page);
    const field = page.getByTestId('search-field');

    await tapKeys(keyboard, letters('ddaats ddai'));
    expect(await field.inputValue()).toBe('đất đai');
    const tiles = page.getByTestId('search-results').locator('.k-tile');
    await expect.poll(() => tiles.allInnerTexts()).toEqual([expect.stringContaining('Đất đai')]);

    // The modern tone placement, a capital by shift (for one letter), erase by whole letters.
    await tapKeys(keyboard, Array.from({ length: 7 }, () => '⌫ Xoá'));
    expect(await field.inputValue()).toBe('');
    await tapKeys(keyboard, ['⇧ Chữ hoa', 'H', ...letters('oaf')]);
    expect(await field.inputValue()).toBe('Hoà');
    await tapKeys(keyboard, ['⌫ Xoá', '⌫ Xoá', ...letters('oojt tichj')]);
    expect(await field.inputValue()).toBe('Hột tịch');
    await tapKeys(keyboard, Array.from({ length: [...'Hột tịch'].length }, () => '⌫ Xoá'));
    expect(await field.inputValue()).toBe('');
    await tapKeys(keyboard, ['⇧ Chữ hoa', 'H', ...letters('ooj tich')]);
    expect(await field.inputValue()).toBe('Hộ tich');
    // A tone left out still finds the service: the search ignores marks.
    await expect.poll(() => tiles.allInnerTexts()).toEqual([expect.stringContaining('Hộ tịch')]);
    await kiosk.screenshot('kiosk-keyboard-vi');

    await tiles.first().tap();
    await page.getByTestId('kiosk-result').waitFor();
    expect((await kiosk.commands()).filter((c) => c.name === 'kiosk:take-ticket').map((c) => (c.input as { serviceId: string }).serviceId)).toEqual(['ho-tich']);
  }, 120_000);

  test('the digits page of the Telex keyboard, and codes typed on the code keyboard are never Telex', async () => {
    const kiosk = await openKiosk();
    const { page } = kiosk;
    const keyboard = await openSearch(page);
    await tapKeys(keyboard, ['123', '1', '0', 'ABC', 'a', 'a']);
    expect(await page.getByTestId('search-field').inputValue()).toBe('10â');
    await page.getByTestId('search-back').tap();

    await page.getByTestId('kiosk-lookup-open').tap();
    const pad = page.getByTestId('kiosk-lookup').getByRole('group', { name: 'Bàn phím nhập mã hồ sơ' });
    await tapKeys(pad, [...'DD-AA-S']);
    expect(await page.getByTestId('lookup-code').inputValue()).toBe('DD-AA-S');
  }, 120_000);

  test('axe-core finds no serious or critical violation with the keyboard open: Vietnamese, English, large text', async () => {
    const found: Record<string, unknown[]> = {};
    for (const mode of ['vi', 'en', 'large'] as const) {
      const kiosk = await openKiosk();
      const { page } = kiosk;
      if (mode === 'en') await page.getByTestId('kiosk-language').tap();
      if (mode === 'large') await page.getByTestId('kiosk-large-text').tap();
      await page.getByTestId('kiosk-search-open').tap();
      const keyboard = page.getByTestId('on-screen-keyboard');
      await keyboard.getByRole('button', { name: 'a', exact: true }).tap();
      await page.getByTestId('search-field').waitFor();
      found[`search-${mode}`] = await seriousAxeViolations(page);
      await kiosk.screenshot(`kiosk-keyboard-search-${mode}`);
      await page.getByTestId('search-back').tap();
      await page.getByTestId('kiosk-lookup-open').tap();
      await page.getByTestId('on-screen-keyboard').getByRole('button', { name: 'H', exact: true }).tap();
      found[`lookup-${mode}`] = await seriousAxeViolations(page);
      await kiosk.screenshot(`kiosk-keyboard-lookup-${mode}`);
    }
    expect(found).toEqual({ 'search-vi': [], 'lookup-vi': [], 'search-en': [], 'lookup-en': [], 'search-large': [], 'lookup-large': [] });
  }, 180_000);
});

interface Heard {
  readonly step: string;
  readonly clip: string;
  readonly result: string;
}

describe('kiosk spoken guidance', () => {
  const built = existsSync(path.join(CLIPS, 'manifest.json'));
  if (!built) console.warn('tests/renderer/kiosk-keyboard: guidance SKIPPED — no dist/voice/clips (run `npm run build`).');

  test.skipIf(!built)('off by default; the switch says each step from the built clips; back off at idle', async () => {
    const kiosk = await openKiosk();
    const { page } = kiosk;
    // The clips as the agent serves them under /voice/clips/ (the static test server serves only the renderer).
    const asked: string[] = [];
    await page.route('**/voice/clips/*.wav', async (route) => {
      const name = path.basename(new URL(route.request().url()).pathname);
      asked.push(name);
      await route.fulfill({ status: 200, contentType: 'audio/wav', body: readFileSync(path.join(CLIPS, name)) });
    });
    await page.addInitScript(() => {
      const heard: unknown[] = [];
      Object.defineProperty(window, '__guidance', { value: heard });
      window.addEventListener('motcua-kiosk-guidance', (e) => heard.push((e as CustomEvent).detail));
    });
    await page.goto(`${new URL(page.url()).origin}/?voice=%2Fvoice%2Fclips%2F`);
    await page.locator('.k-tile').first().waitFor();
    // The idle countdown runs on the page's clock, moved by hand below (sound plays on the audio clock).
    await page.clock.install();
    const heard = (): Promise<Heard[]> => page.evaluate(() => (window as unknown as { __guidance: Heard[] }).__guidance);

    const toggle = page.getByTestId('kiosk-guidance');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(asked).toEqual([]);
    await toggle.tap();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(heard, { timeout: 20_000 }).toEqual([{ step: 'home', clip: GUIDANCE_CLIPS.home.id, result: 'played' }]);

    await page.getByTestId('kiosk-lookup-open').tap();
    await expect.poll(async () => (await heard()).at(-1), { timeout: 20_000 }).toEqual({ step: 'lookup', clip: GUIDANCE_CLIPS.lookup.id, result: 'played' });
    expect(asked).toEqual([`${GUIDANCE_CLIPS.home.id}.wav`, `${GUIDANCE_CLIPS.lookup.id}.wav`]);
    await kiosk.screenshot('kiosk-guidance-on');

    // The next citizen finds it off again (and the kiosk home).
    await page.clock.runFor(61_000);
    await page.getByTestId('kiosk-lookup-open').waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const before = (await heard()).length;
    await page.getByTestId('kiosk-lookup-open').tap();
    await page.getByTestId('lookup-code').waitFor();
    expect((await heard()).length).toBe(before);
  }, 120_000);
});
