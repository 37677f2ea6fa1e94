import { z } from 'zod';
import { normaliseVietnameseMobile } from './vn-phone';

/**
 * The phone number a citizen gives FOR notifications (issue 14): explicit, with `consent: true`,
 * and a Vietnamese mobile number (Zalo ZNS and brandname SMS reach nothing else). A number given
 * on the application form for the file is not this: it is never messaged.
 */
export const NotifyConsentSchema = z
  .strictObject({
    phone: z.string().trim().min(1, 'Nhập số điện thoại nhận thông báo.').max(30, 'Số điện thoại quá dài.'),
    consent: z.literal(true, { error: 'Công dân phải đồng ý nhận thông báo (consent: true) thì mới gửi tin.' }),
  })
  .superRefine((n, ctx) => {
    const phone = normaliseVietnameseMobile(n.phone);
    if (!phone.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: `Số "${n.phone}" không phải số di động Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678): không gửi được Zalo hay SMS.` });
  });
export type NotifyConsent = z.infer<typeof NotifyConsentSchema>;
