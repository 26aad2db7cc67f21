import { CHANNELS, CHANNEL_IDS, type ChannelId } from '@grmd/shared';

/** A channel picker, labelled as the shared channel table names each channel. */
export function ChannelSelect({ value, onChange }: { value: ChannelId; onChange: (c: ChannelId) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as ChannelId)}>
      {CHANNEL_IDS.map((c) => (
        <option key={c} value={c}>
          {CHANNELS[c].label}
        </option>
      ))}
    </select>
  );
}
