import { JOB_CATEGORIES } from '@carebridge/contracts';
import { SelectField } from '../../../components/field';
import { useT } from '../../../lib/i18n';

/** A member's job category, or none (sign-up and 내 정보). */
export function JobField({ defaultValue, error }: { defaultValue: string; error: string | undefined }) {
  const t = useT();
  return (
    <SelectField label={t('account.job')} name="jobCategory" defaultValue={defaultValue} error={error}>
      <option value="">{t('account.jobNone')}</option>
      {JOB_CATEGORIES.map((job) => (
        <option key={job} value={job}>
          {t(`job.${job}`)}
        </option>
      ))}
    </SelectField>
  );
}
