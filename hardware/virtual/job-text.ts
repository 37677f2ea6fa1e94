import type { DecodedJob } from './decoded-job';

/**
 * A decoded job as plain text, one printed line per line, for humans reading a
 * test's output folder and for assertions that do not care about attributes.
 */
export function jobToText(job: DecodedJob): string {
  const lines = job.items.map((item) => {
    switch (item.kind) {
      case 'text':
        return item.text;
      case 'qr':
        return `[QR: ${item.content}]`;
      case 'image':
        return `[IMAGE: ${item.width}×${item.height}]`;
    }
  });
  lines.push(job.cut ? '[CUT]' : '[NO CUT: stream ended before a cut]');
  return `${lines.join('\n')}\n`;
}
