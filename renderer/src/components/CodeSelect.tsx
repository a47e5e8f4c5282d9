import { officialCodes, officialLabel, type CodeOf, type HubSanteList } from '../../../shared/domain/codes';

/**
 * A choice among an official code list: a native select, so the keyboard works as everywhere
 * (type-ahead on the code, arrows, Home/End). The labels are the official French ones.
 */
export function CodeSelect<L extends HubSanteList>({
  id,
  list,
  value,
  onChange,
  emptyLabel,
  disabled,
}: {
  id: string;
  list: L;
  value: CodeOf<L> | null;
  onChange: (code: CodeOf<L> | null) => void;
  /** Without it, the list has no empty choice (the field always has a value). */
  emptyLabel?: string;
  disabled?: boolean;
}) {
  return (
    <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as CodeOf<L>))}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {officialCodes(list).map((code) => (
        <option key={code} value={code}>
          {code} — {officialLabel(list, code)}
        </option>
      ))}
    </select>
  );
}
