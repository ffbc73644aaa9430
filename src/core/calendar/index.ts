// Dependency-free on purpose: it ships in the mini-program bundle, where every kilobyte counts.
export { parseCalendarDate, InvalidDateError, type CalendarDate } from './gregorian'
export { lunarDate, formatLunarDate, asLunarMonthStyle, CalendarRangeError, LUNAR_RANGE, type LunarDate, type LunarMonthStyle } from './lunar'
export { formatIssueDate, formatIssueDateSafe, type IssueDateOptions } from './format'
export { beijingToday, relativeDayLabel } from './beijing-time'
