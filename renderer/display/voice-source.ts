/**
 * Where the display finds its clips: `?voice=/voice/clips/` in its address, which the terminal
 * agent adds only when it serves a built clip folder. No parameter, no voice — a screen opened
 * without clips stays silent rather than asking the server for files that are not there.
 * Only a same-origin path is taken (the CSP would refuse anything else anyway).
 */
export function voiceClipBase(href: string): string | null {
  const value = new URL(href).searchParams.get('voice');
  if (value === null || !/^\/(?!\/)[A-Za-z0-9._~/-]*\/$/.test(value) || value.split('/').includes('..')) return null;
  return value;
}
