import { describe, expect, test } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { contextFor } from './support/contexts';
import { KIOSK_LANDSCAPE, KIOSK_PORTRAIT, type RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** The kiosk for everyone: the language switch, large text with high contrast, and axe-core's verdict on every screen. */

const screens = useScreenHarness();

const openKiosk = async (viewport = KIOSK_PORTRAIT): Promise<RendererPage> => {
  const kiosk = await screens.open({ context: contextFor('kiosk-1'), delayMs: 50, printed: { ok: true } }, viewport, true);
  await kiosk.page.locator('.k-tile').first().waitFor();
  return kiosk;
};

/** Every kiosk screen a citizen meets, each checked by axe-core where it stands. */
async function walkEveryScreen(kiosk: RendererPage, name: string): Promise<Record<string, unknown[]>> {
  const { page } = kiosk;
  const found: Record<string, unknown[]> = {};
  const check = async (screen: string) => {
    found[screen] = await seriousAxeViolations(page);
    await kiosk.screenshot(`kiosk-a11y-${name}-${screen}`);
  };
  await check('home');
  await page.getByTestId('kiosk-appointment').tap();
  await page.getByTestId('check-in-code').waitFor();
  await check('check-in');
  await page.getByTestId('appointment-back').tap();
  await page.getByTestId('kiosk-lookup-open').tap();
  await page.getByTestId('lookup-code').waitFor();
  await check('lookup');
  await page.getByTestId('lookup-back').tap();
  await page.locator('.k-tile').first().tap();
  await page.getByTestId('kiosk-result').waitFor();
  await check('result');
  return found;
}

describe('kiosk accessibility', () => {
  test('the checker itself finds a real violation (an image without text, a button without a name)', async () => {
    const kiosk = await openKiosk();
    await kiosk.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('.k-main')?.append(img, document.createElement('button'));
    });
    const ids = (await seriousAxeViolations(kiosk.page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
  });

  const NONE = { home: [], 'check-in': [], lookup: [], result: [] };

  test('no serious or critical axe-core violation on any kiosk screen, in Vietnamese', async () => {
    expect(await walkEveryScreen(await openKiosk(), 'vi')).toEqual(NONE);
  }, 120_000);

  test('… in English', async () => {
    const en = await openKiosk();
    await en.page.getByTestId('kiosk-language').tap();
    await en.page.getByRole('heading', { name: 'Choose a service to take a number' }).waitFor();
    expect(await walkEveryScreen(en, 'en')).toEqual(NONE);
  }, 120_000);

  test('… and in large text with high contrast (landscape kiosk)', async () => {
    const large = await openKiosk(KIOSK_LANDSCAPE);
    await large.page.getByTestId('kiosk-large-text').tap();
    expect(await walkEveryScreen(large, 'large')).toEqual(NONE);
  }, 120_000);

  test('the switches: English at a touch (the page language follows), large text with high contrast, both back to the defaults after the idle time', async () => {
    const kiosk = await openKiosk();
    const { page } = kiosk;
    await page.clock.install();
    const language = page.getByTestId('kiosk-language');
    expect(await language.innerText()).toContain('English');
    expect(await language.getAttribute('lang')).toBe('en');
    await language.tap();
    await page.getByRole('heading', { name: 'Choose a service to take a number' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await language.innerText()).toContain('Tiếng Việt');

    const large = page.getByTestId('kiosk-large-text');
    expect(await large.getAttribute('aria-pressed')).toBe('false');
    await large.tap();
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.kiosk').getAttribute('class')).toContain('k-large');
    const colours = () =>
      page.locator('.k-tile').first().evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      });
    await expect.poll(colours).toEqual({ color: 'rgb(255, 228, 92)', background: 'rgb(0, 0, 0)' });
    await kiosk.screenshot('kiosk-large-text-en');

    // The next citizen: a minute without a touch and the kiosk is Vietnamese, normal size again.
    await page.clock.runFor(61_000);
    await page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await page.locator('.kiosk').getAttribute('class')).toBe('kiosk');
  });
});
