import type { ReactNode } from 'react';

interface FullScreenMessageProps {
  readonly title: string;
  readonly tone?: 'info' | 'problem';
  readonly busy?: boolean;
  readonly children?: ReactNode;
}

/** A whole screen for one thing to say: connecting, refused, not configured. */
export function FullScreenMessage({ title, tone = 'info', busy = false, children }: FullScreenMessageProps) {
  return (
    <main className={`fullscreen-message tone-${tone}`} role={tone === 'problem' ? 'alert' : 'status'}>
      {busy && <div className="spinner" aria-hidden="true" />}
      <h1>{title}</h1>
      {children}
    </main>
  );
}
