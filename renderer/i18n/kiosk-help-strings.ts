/**
 * The words of the kiosk's helpers for everyone: the on-screen keyboard, the service search typed
 * in Telex, and the spoken-guidance switch. vi.ts and en.ts each take their half.
 */
const vi = {
  keyboard: {
    erase: '⌫ Xoá',
    space: 'Dấu cách',
    shift: '⇧ Chữ hoa',
    digits: '123',
    letters: 'ABC',
  },
  search: {
    button: 'Tìm dịch vụ',
    buttonHint: 'Gõ tên dịch vụ bằng tiếng Việt',
    title: 'Tìm dịch vụ',
    hint: 'Gõ kiểu Telex: aa → â, ow → ơ, dd → đ; s f r x j → dấu sắc, huyền, hỏi, ngã, nặng',
    fieldLabel: 'Tên dịch vụ cần tìm',
    keyboard: 'Bàn phím tiếng Việt (kiểu gõ Telex)',
    none: 'Không có dịch vụ nào khớp — thử gõ ít chữ hơn',
  },
  guidance: 'Hướng dẫn bằng giọng nói',
};

export type KioskHelpStrings = typeof vi;

const en: KioskHelpStrings = {
  keyboard: {
    erase: '⌫ Delete',
    space: 'Space',
    shift: '⇧ Capitals',
    digits: '123',
    letters: 'ABC',
  },
  search: {
    button: 'Find a service',
    buttonHint: 'Type the service’s name',
    title: 'Find a service',
    hint: 'Vietnamese letters by Telex: aa → â, ow → ơ, dd → đ; s f r x j add the tones',
    fieldLabel: 'Service to find',
    keyboard: 'Vietnamese keyboard (Telex)',
    none: 'No service matches — try fewer letters',
  },
  guidance: 'Spoken guidance',
};

export const kioskHelpStrings = { vi, en } as const;
