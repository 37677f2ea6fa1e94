import { useEffect } from 'react';

/**
 * A public touchscreen: no context menu, no text selection or dragging, no pinch or
 * ctrl-wheel zoom. (The Electron shell locks the window itself; this covers the page.)
 */
export function useKioskLockdown(): void {
  useEffect(() => {
    const prevent = (event: Event): void => event.preventDefault();
    const preventZoom = (event: WheelEvent): void => {
      if (event.ctrlKey) event.preventDefault();
    };
    const preventMultiTouch = (event: TouchEvent): void => {
      if (event.touches.length > 1) event.preventDefault();
    };
    document.body.classList.add('locked-down');
    document.addEventListener('contextmenu', prevent);
    document.addEventListener('selectstart', prevent);
    document.addEventListener('dragstart', prevent);
    document.addEventListener('gesturestart', prevent);
    document.addEventListener('wheel', preventZoom, { passive: false });
    document.addEventListener('touchmove', preventMultiTouch, { passive: false });
    return () => {
      document.body.classList.remove('locked-down');
      document.removeEventListener('contextmenu', prevent);
      document.removeEventListener('selectstart', prevent);
      document.removeEventListener('dragstart', prevent);
      document.removeEventListener('gesturestart', prevent);
      document.removeEventListener('wheel', preventZoom);
      document.removeEventListener('touchmove', preventMultiTouch);
    };
  }, []);
}
