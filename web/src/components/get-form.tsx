import type { FormEvent, FormHTMLAttributes, ReactNode } from 'react';
import { useNavigate } from 'react-router';

/**
 * A search form that navigates to `action?field=value…` (empty fields left out), like a GET form
 * but without a page load. The router's <Form> would do the same at several kilobytes more in the
 * first bundle.
 */
export function GetForm({
  action,
  children,
  ...props
}: { action?: string; children: ReactNode } & Omit<FormHTMLAttributes<HTMLFormElement>, 'action' | 'onSubmit'>) {
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(searchUrl(event.currentTarget, action));
  };
  return (
    <form {...props} action={action} onSubmit={submit}>
      {children}
    </form>
  );
}

export function searchUrl(form: HTMLFormElement, action?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim()) params.append(name, value.trim());
  }
  const query = params.toString();
  const path = action ?? window.location.pathname;
  return query ? `${path}?${query}` : path;
}
