import { describe, expect, it } from 'vitest';
import { KeyRateLimiter } from '../../hub/apikeys/key-rate-limit';

describe('KeyRateLimiter: a token bucket per API key, on an injected clock', () => {
  it('allows the burst, then refuses with the seconds to wait; refills at the rate; keys are separate', () => {
    let now = 0;
    const limiter = new KeyRateLimiter(() => new Date(now), { burst: 3, perMinute: 6 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([null, null, null]);
    expect(limiter.take('a')).toBe(10); // 6 a minute: one every 10 s
    expect(limiter.take('b')).toBeNull();
    now = 5_000;
    expect(limiter.take('a')).toBe(5);
    now = 10_000;
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBe(10);
    // A long pause refills up to the burst, not beyond.
    now = 10 * 60_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([null, null, null, 10]);
  });

  it('a clock that goes back refills nothing', () => {
    let now = 60_000;
    const limiter = new KeyRateLimiter(() => new Date(now), { burst: 1, perMinute: 60 });
    expect(limiter.take('a')).toBeNull();
    now = 0;
    expect(limiter.take('a')).toBe(1);
    // Back at the first reading: still nothing refilled (the time before it was counted once).
    now = 60_000;
    expect(limiter.take('a')).toBe(1);
    now = 61_000;
    expect(limiter.take('a')).toBeNull();
  });
});
