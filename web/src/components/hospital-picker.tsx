import type { HospitalSummary, Page } from '@carebridge/contracts';
import { useId, useRef, useState } from 'react';
import { useT } from '../lib/i18n';
import { errorMessage } from '../lib/problems';

export interface PickedHospital {
  id: string;
  name: string;
}

type Search = (q: string) => Promise<Page<HospitalSummary>>;

/** One search at a time by name; `results` is null until the first one answers. */
function useHospitalSearch(search: Search) {
  const [results, setResults] = useState<HospitalSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const run = async (query: string) => {
    const q = query.trim();
    if (!q) return;
    setSearching(true);
    setFailure(null);
    try {
      setResults((await search(q)).items);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setSearching(false);
    }
  };
  return { results, failure, searching, run };
}

function PickerResults({
  results,
  onPick,
}: {
  results: HospitalSummary[];
  onPick: (hospital: PickedHospital) => void;
}) {
  const t = useT();
  if (results.length === 0) return <p role="status">{t('picker.none')}</p>;
  return (
    <ul className="picker-results" aria-label={t('picker.results')}>
      {results.map((hospital) => (
        <li key={hospital.id}>
          <button
            type="button"
            className="button button-quiet picker-option"
            onClick={() => onPick({ id: hospital.id, name: hospital.name })}
          >
            <span className="picker-name">{hospital.name}</span>{' '}
            <span className="muted">
              {hospital.type} · {[hospital.region, hospital.district].filter(Boolean).join(' ')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The search box, its results and what went wrong, until a hospital is picked. */
function PickerSearch({
  inputId,
  inputRef,
  search,
  onPick,
}: {
  inputId: string;
  inputRef: React.RefObject<HTMLInputElement | null>;
  search: Search;
  onPick: (hospital: PickedHospital) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const { results, failure, searching, run } = useHospitalSearch(search);
  return (
    <>
      <div className="inline-search">
        <label className="visually-hidden" htmlFor={inputId}>
          {t('picker.search')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="search"
          value={query}
          placeholder={t('picker.placeholder')}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void run(query);
            }
          }}
        />
        <button type="button" className="button" onClick={() => void run(query)} disabled={searching}>
          {t('picker.find')}
        </button>
      </div>
      <p className="field-hint">{t('picker.hint')}</p>
      {failure ? <p className="field-error">{errorMessage(failure, t)}</p> : null}
      {results ? <PickerResults results={results} onPick={onPick} /> : null}
    </>
  );
}

/**
 * Chooses a workplace by searching hospitals by name. The search function comes from the caller,
 * so this shared component does not depend on a feature.
 */
export function HospitalPicker({
  value,
  onChange,
  search,
  error,
  label,
}: {
  value: PickedHospital | null;
  onChange: (hospital: PickedHospital | null) => void;
  search: Search;
  error?: string | undefined;
  label?: string;
}) {
  const t = useT();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="field hospital-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label ?? t('picker.label')}</legend>
      {value ? (
        <p className="picked">
          <span>{value.name}</span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onChange(null);
              setTimeout(() => inputRef.current?.focus());
            }}
          >
            {t('picker.change')}
          </button>
        </p>
      ) : (
        <PickerSearch inputId={`${id}-q`} inputRef={inputRef} search={search} onPick={onChange} />
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
