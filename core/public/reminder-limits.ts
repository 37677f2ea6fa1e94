/** "Nhắc tôi khi còn N người": the bounds of N, without zod (the phone page's bundle imports this file). */
export const REMINDER_MIN = 1;
export const REMINDER_MAX = 10;
export const REMINDER_DEFAULT = 3;
/** One phone may be reminded for this many tickets a day: a stranger's number cannot be flooded from the page. */
export const REMINDERS_PER_PHONE_PER_DAY = 3;
