import { type ReactNode, useEffect } from 'react';
import { useT } from '../lib/i18n';

export function useDocumentTitle(title: string | null) {
  const t = useT();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : `${t('app.name')} · ${t('app.tagline')}`;
  }, [title, t]);
}

/** A page's heading and title; every page has exactly one h1. */
export function PageHeader({ title, children, lead }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
      </div>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}
