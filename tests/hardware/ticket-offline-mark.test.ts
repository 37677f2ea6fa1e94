import { describe, expect, it } from 'vitest';
import { queueTicketLayout } from '../../hardware/printer/layouts/queue-ticket';

const texts = (doc: ReturnType<typeof queueTicketLayout.document>) => doc.blocks.map((b) => ('text' in b ? b.text : 'label' in b ? `${b.label}: ${b.value}` : b.kind));

describe('queue ticket issued offline', () => {
  it('carries one small "(ngoại tuyến)" line and leaves out the queue figures it cannot know', () => {
    const { waitingAhead: _w, estimatedWaitMinutes: _e, ...rest } = queueTicketLayout.sample;
    // A kiosk's lease comes from the top of the service's block: offline numbers are high in it.
    const offline = texts(queueTicketLayout.document({ ...rest, number: 1994, qrContent: 'https://motcua.example.gov.vn/tra-cuu/ve/1994?ngay=2026-05-04', offline: true }));
    expect(offline.filter((t) => t === '(ngoại tuyến)')).toHaveLength(1);
    expect(offline.join('\n')).not.toMatch(/Số người chờ|Thời gian chờ dự kiến/);
    expect(offline).toContain('1994');
  });

  it('an online ticket is as before: no mark, the queue ahead shown', () => {
    const online = texts(queueTicketLayout.document(queueTicketLayout.sample));
    expect(online).not.toContain('(ngoại tuyến)');
    expect(online).toContain('Số người chờ trước bạn: 12');
  });
});
