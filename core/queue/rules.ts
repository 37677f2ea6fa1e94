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
   * caps every lease at this size. 0 turns offline issuing off.
   */
  offlineNumberBlock: z.number().int().min(0).max(500).default(10),
});
export type QueueRules = z.infer<typeof QueueRulesSchema>;

export const DEFAULT_QUEUE_RULES: QueueRules = QueueRulesSchema.parse({});
