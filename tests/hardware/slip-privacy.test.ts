import { describe, expect, it } from 'vitest';
import { appointmentSlipLayout, dossierReceiptLayout, queueTicketLayout } from '../../hardware/printer/layouts';
import { decodedPaper, encodeAndDecode, profileFor } from './printing-support';

/** What the printer was sent, read back from the ESC/POS bytes by the virtual printer's decoder. */
const paper = (document: Parameters<typeof encodeAndDecode>[0], width: 80 | 58 = 80) => decodedPaper(encodeAndDecode(document, profileFor('cp1258', width)).job).join('\n');

describe('names on paper: initials on the slips left lying about, the full name on the applicant\'s own Form 01', () => {
  it.each([80, 58] as const)('the appointment slip prints the booker as initials, never in full (%i mm)', (width) => {
    const printed = paper(appointmentSlipLayout.document({ ...appointmentSlipLayout.sample, citizenName: '  Nguyễn Thị Ánh Tuyết ' }), width);
    expect(printed).toContain('Người đặt hẹn: N.T.Á.T.');
    for (const part of ['Nguyễn', 'Ánh', 'Tuyết']) expect(printed).not.toContain(part);
  });

  it('a queue ticket carries no name at all', () => {
    expect(JSON.stringify(queueTicketLayout.document(queueTicketLayout.sample))).not.toMatch(/fullName|citizenName|Người/);
  });

  it('Form 01, the receipt handed to the applicant, keeps the full name (their own document, signed for)', () => {
    const printed = paper(dossierReceiptLayout.document(dossierReceiptLayout.sample));
    expect(printed).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết');
  });
});
