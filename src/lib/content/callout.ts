/**
 * The kinds of `<Callout>` (src/components/Callout.astro) and their labels: the component reads
 * them, and the `callout-type` rule reports a `type` the component does not know.
 */
export const CALLOUT_LABELS = { note: 'Note', warning: 'Warning', danger: 'Danger' } as const;

export type CalloutType = keyof typeof CALLOUT_LABELS;

/** The component file, from the project root. */
export const CALLOUT_FILE = 'src/components/Callout.astro';

/** True for a `type` the component shows as written; any other reads as a note. */
export function isCalloutType(type: string): type is CalloutType {
  return Object.hasOwn(CALLOUT_LABELS, type);
}
