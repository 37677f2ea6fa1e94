import { z } from 'zod';

/** The floor's policy, from the centre config. */
export const QueueRulesSchema = z.strictObject({
  /**
   * Normal tickets called between two priority tickets when both are waiting: 2 means one
   * priority call after every two normal ones. Priority never jumps the whole queue.
   */
  priorityRatio: z.number().int().min(0).max(20).default(2),
  /** A ticket waiting this long is called before any other (oldest first): nobody starves. */
  maxWaitMinutes: z.number().int().min(1).max(24 * 60).default(60),
  /** Recalls a clerk must make before a called citizen may be marked absent (0: at once). */
  noShowAfterRecalls: z.number().int().min(0).max(10).default(2),
  /**
   * Numbers of a service a kiosk holds in reserve to issue while the hub is unreachable; the hub
   * caps every lease at this size. 0 turns offline issuing off. Unset: DEFAULT_OFFLINE_NUMBER_BLOCK
   * (read it through `offlineNumberBlock()`; optional so rule objects written before it stay valid).
   */
  offlineNumberBlock: z.number().int().min(0).max(500).optional(),
});
export type QueueRules = z.infer<typeof QueueRulesSchema>;

export const DEFAULT_QUEUE_RULES: QueueRules = QueueRulesSchema.parse({});

export const DEFAULT_OFFLINE_NUMBER_BLOCK = 10;

/** The centre's offline block size, its default when the config leaves it out. */
export function offlineNumberBlock(rules: Pick<QueueRules, 'offlineNumberBlock'>): number {
  return rules.offlineNumberBlock ?? DEFAULT_OFFLINE_NUMBER_BLOCK;
}
