import type { ReactNode } from 'react';

/** A button that is on or off (like, 스크랩, 도움돼요), saying which to screen readers through `aria-pressed`. */
export function ToggleButton({
  on,
  onToggle,
  quiet = false,
  children,
}: {
  on: boolean;
  onToggle: () => void;
  /** The lighter look, for buttons inside a comment. */
  quiet?: boolean;
  children: ReactNode;
}) {
  const className = ['button', quiet ? 'button-quiet' : '', 'button-toggle', on ? 'on' : ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={className} aria-pressed={on} onClick={onToggle}>
      {children}
    </button>
  );
}
