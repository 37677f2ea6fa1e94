import { useEffect, useState } from 'react';

/** False for the first `ms` after mount, then true. */
export function useDelayedEnable(ms: number): boolean {
  const [enabled, setEnabled] = useState(ms <= 0);
  useEffect(() => {
    const timer = setTimeout(() => setEnabled(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return enabled;
}
