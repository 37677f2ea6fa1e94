import type { StatsExportFile } from '../../core/stats/stats-report';

/**
 * Saves a file that came over the bridge: a blob URL and a temporary link with `download`. No
 * navigation and no inline script, so the page's CSP stays as it is.
 */
export function saveFile(file: StatsExportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the next task; revoking at once can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
