import type { ReportReason } from '@carebridge/contracts';
import { type ComponentType, useState } from 'react';
import { loadParts, useT } from '../lib/i18n';

type ReportFormProps = { onReport: (reason: ReportReason, detail?: string) => Promise<unknown>; onClose: () => void };

/** "Report" for a post, comment or review. The form and its texts load when it is first opened. */
export function ReportButton({ onReport }: { onReport: ReportFormProps['onReport'] }) {
  const t = useT();
  const [Form, setForm] = useState<ComponentType<ReportFormProps> | null>(null);
  const [loading, setLoading] = useState(false);
  if (Form) return <Form onReport={onReport} onClose={() => setForm(null)} />;
  const open = async () => {
    setLoading(true);
    try {
      const [{ ReportForm }] = await Promise.all([import('./report-form'), loadParts(['report'])]);
      setForm(() => ReportForm);
    } finally {
      setLoading(false);
    }
  };
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={() => void open()}
      disabled={loading}
      aria-expanded={false}
    >
      {t('report.open')}
    </button>
  );
}
