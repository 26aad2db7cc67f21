import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat } from '@grmd/shared';

export function ExportFormatSelect({ value, onChange }: { value: ExportFormat; onChange: (f: ExportFormat) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as ExportFormat)}>
      {EXPORT_FORMATS.map((f) => (
        <option key={f} value={f}>
          {EXPORT_FORMAT_LABELS[f]}
        </option>
      ))}
    </select>
  );
}
