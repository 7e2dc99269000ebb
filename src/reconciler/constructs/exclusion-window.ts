/**
 * An exclusion window as a `ScheduledJob` prop: the resource's `ExclusionWindow`
 * (src/reconciler/plan/types.ts) with mutable lists, which jsii requires of public structs.
 * `toExclusionWindow` is typed with the wire type, so the compiler keeps the two in step.
 */
import { ExclusionWindow } from '../plan/types';

/**
 * A period, on the wall clock of the schedule's zone, in which scheduled runs are dropped (not
 * postponed): a change freeze, holidays, office hours. Every condition given must hold; give at
 * least one.
 */
export interface ExclusionWindowProps {
  /**
   * A label shown in events and status when a run is skipped.
   * @default "exclusions[i]"
   */
  readonly name?: string;
  /**
   * Local dates: `YYYY-MM-DD`, `MM-DD` (every year), or inclusive ranges `A..B` of either form
   * (`12-24..01-02` wraps over the new year).
   * @default - any date
   */
  readonly dates?: string[];
  /**
   * Local weekdays: `Mon` (any case) or `0`-`6` (0 is Sunday), or ranges such as `Mon-Fri`, `Fri-Mon`.
   * @default - any weekday
   */
  readonly weekdays?: string[];
  /**
   * A local time-of-day range `HH:MM-HH:MM` or `HH-HH`, start inclusive, end exclusive, wrapping
   * past midnight when the end is not after the start (`22:00-06:00`).
   * @default - all day
   */
  readonly hours?: string;
  /**
   * Local date-time `YYYY-MM-DDTHH:MM[:SS]` (or an RFC 3339 instant) from which the window applies, inclusive.
   * @default - the beginning of time
   */
  readonly from?: string;
  /**
   * Local date-time `YYYY-MM-DDTHH:MM[:SS]` (or an RFC 3339 instant) at which the window ends, exclusive.
   * @default - no end
   */
  readonly until?: string;
}

/** The window as the resource holds it: the lists copied, absent fields left out. */
export function toExclusionWindow(props: ExclusionWindowProps): ExclusionWindow {
  const window: ExclusionWindow = {
    name: props.name,
    dates: props.dates && [...props.dates],
    weekdays: props.weekdays && [...props.weekdays],
    hours: props.hours,
    from: props.from,
    until: props.until,
  };
  return Object.fromEntries(Object.entries(window).filter(([, v]) => v !== undefined));
}
