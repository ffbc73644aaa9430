/** A Gregorian calendar date, as parsed from `YYYY-MM-DD`. */
export interface CalendarDate {
  year: number
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  /** Days since 1970-01-01; negative before it. */
  dayNumber: number
}

/** Thrown when a string is not a real `YYYY-MM-DD` date (wrong shape, `2023-02-30`, year 0000). */
export class InvalidDateError extends Error {
  /** The string that was rejected. */
  readonly input: string

  constructor(input: string) {
    super(`Not a date in YYYY-MM-DD form: "${input}"`)
    this.name = 'InvalidDateError'
    this.input = input
  }
}

/**
 * Parses a strict `YYYY-MM-DD` string (proleptic Gregorian, years 0001–9999, zero-padded fields) and throws
 * {@link InvalidDateError} for anything else, including dates that do not exist such as `2023-02-30`.
 * No time zone is involved: the date is a calendar label, not an instant.
 */
export function parseCalendarDate(date: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const year = m ? +m[1] : 0
  const month = m ? +m[2] : 0
  const day = m ? +m[3] : 0
  // setUTCFullYear rather than Date.UTC, which would read years 0000–0099 as 1900–1999.
  const t = new Date(0)
  t.setUTCFullYear(year, month - 1, day)
  // Date rolls 2023-02-30 over into March; a round trip that changes the fields exposes it.
  if (!year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) throw new InvalidDateError(date)
  return { year, month, day, weekday: t.getUTCDay(), dayNumber: t.getTime() / 86400000 }
}
