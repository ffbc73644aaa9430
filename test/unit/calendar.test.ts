import {
  CalendarRangeError,
  InvalidDateError,
  formatIssueDate,
  formatIssueDateSafe,
  formatLunarDate,
  lunarDate,
  parseCalendarDate
} from '@/core/calendar'

// Hand-checked: weekdays with `date -u`; lunar dates with tyme4ts and against well-known dates (Spring Festivals,
// 七夕 2023, the 2020/2023/2025/2033 leap months); 干支 as (year - 4) mod 10 / mod 12 from 甲子 = 1984.
const issueDates: Array<[date: string, printed: string]> = [
  ['2023-08-22', '2023年8月22日 星期二 农历癸卯年七月初七'], // 七夕 2023
  // Spring Festival boundaries: 2023 has a 除夕 on 三十, 2025 on 廿九 (its 腊月 is short).
  ['2023-01-21', '2023年1月21日 星期六 农历壬寅年十二月三十'],
  ['2023-01-22', '2023年1月22日 星期日 农历癸卯年正月初一'],
  ['2024-02-09', '2024年2月9日 星期五 农历癸卯年十二月三十'],
  ['2024-02-10', '2024年2月10日 星期六 农历甲辰年正月初一'],
  ['2025-01-28', '2025年1月28日 星期二 农历甲辰年十二月廿九'],
  ['2025-01-29', '2025年1月29日 星期三 农历乙巳年正月初一'],
  // 立春 2023 is Feb 4, after 正月初一 (Jan 22): the days between already belong to 癸卯.
  ['2023-02-03', '2023年2月3日 星期五 农历癸卯年正月十三'],
  // 立春 2024 is Feb 4, before 正月初一 (Feb 10): the days between still belong to 癸卯, not 甲辰.
  ['2024-02-04', '2024年2月4日 星期日 农历癸卯年十二月廿五'],
  // Ends of the supported range.
  ['1901-01-01', '1901年1月1日 星期二 农历庚子年十一月十一'],
  ['2100-12-31', '2100年12月31日 星期五 农历庚申年十二月初一'],
  // First and last days of leap months, and the days around them.
  ['2020-05-22', '2020年5月22日 星期五 农历庚子年四月三十'],
  ['2020-05-23', '2020年5月23日 星期六 农历庚子年闰四月初一'],
  ['2020-06-20', '2020年6月20日 星期六 农历庚子年闰四月廿九'],
  ['2020-06-21', '2020年6月21日 星期日 农历庚子年五月初一'],
  ['2023-03-22', '2023年3月22日 星期三 农历癸卯年闰二月初一'],
  ['2023-04-19', '2023年4月19日 星期三 农历癸卯年闰二月廿九'],
  ['2023-04-20', '2023年4月20日 星期四 农历癸卯年三月初一'],
  ['2025-07-25', '2025年7月25日 星期五 农历乙巳年闰六月初一'],
  ['2025-08-22', '2025年8月22日 星期五 农历乙巳年闰六月廿九'],
  ['2025-08-23', '2025年8月23日 星期六 农历乙巳年七月初一'],
  ['2033-12-21', '2033年12月21日 星期三 农历癸丑年十一月三十'],
  ['2033-12-22', '2033年12月22日 星期四 农历癸丑年闰十一月初一'],
  ['2034-01-19', '2034年1月19日 星期四 农历癸丑年闰十一月廿九'],
  ['2034-01-20', '2034年1月20日 星期五 农历癸丑年十二月初一'],
  // The hex table copied around the web (0x04bd8, 0x04ae0, …) gets these wrong: its 1933 闰五月, 2057 八月
  // and 2097 六月 are a day off. Expected values follow tyme4ts, the calendar this module is held to.
  ['1933-07-22', '1933年7月22日 星期六 农历癸酉年闰五月三十'],
  ['2057-09-28', '2057年9月28日 星期五 农历丁丑年八月三十'],
  ['2097-08-07', '2097年8月7日 星期三 农历丁巳年七月初一']
]

test.each(issueDates)('%s is printed as %s', (date, printed) => {
  expect(formatIssueDate(date)).toBe(printed)
})

describe('lunarDate', () => {
  test('returns the structured lunar date', () => {
    expect(lunarDate('2023-08-22')).toEqual({ year: 2023, ganzhiYear: '癸卯', month: 7, leap: false, day: 7 })
    expect(lunarDate('2033-12-22')).toEqual({ year: 2033, ganzhiYear: '癸丑', month: 11, leap: true, day: 1 })
  })

  test('the lunar year number is the year of its 正月初一, so early January belongs to the previous one', () => {
    expect(lunarDate('1901-01-01')).toMatchObject({ year: 1900, ganzhiYear: '庚子', month: 11, day: 11 })
    expect(lunarDate('2023-01-21')).toMatchObject({ year: 2022, ganzhiYear: '壬寅', month: 12, day: 30 })
  })

  test('the 干支 year changes at 正月初一, not at 立春', () => {
    // 立春 2024 falls on Feb 4; 正月初一 on Feb 10.
    expect(lunarDate('2024-02-03').ganzhiYear).toBe('癸卯')
    expect(lunarDate('2024-02-04').ganzhiYear).toBe('癸卯')
    expect(lunarDate('2024-02-09').ganzhiYear).toBe('癸卯')
    expect(lunarDate('2024-02-10').ganzhiYear).toBe('甲辰')
    // 立春 2023 falls on Feb 4; 正月初一 on Jan 22.
    expect(lunarDate('2023-01-22').ganzhiYear).toBe('癸卯')
    expect(lunarDate('2023-02-03').ganzhiYear).toBe('癸卯')
  })
})

describe('lunar month style', () => {
  test('standard (the default) prints 十一月 and 十二月, traditional prints 冬月 and 腊月', () => {
    expect(formatIssueDate('2023-01-21')).toBe('2023年1月21日 星期六 农历壬寅年十二月三十')
    expect(formatIssueDate('2023-01-21', { lunarMonthStyle: 'standard' })).toBe('2023年1月21日 星期六 农历壬寅年十二月三十')
    expect(formatIssueDate('2023-01-21', { lunarMonthStyle: 'traditional' })).toBe('2023年1月21日 星期六 农历壬寅年腊月三十')
    expect(formatIssueDate('1901-01-01', { lunarMonthStyle: 'traditional' })).toBe('1901年1月1日 星期二 农历庚子年冬月十一')
  })

  test('a leap eleventh month is 闰十一月 or 闰冬月', () => {
    expect(formatIssueDate('2034-01-19')).toBe('2034年1月19日 星期四 农历癸丑年闰十一月廿九')
    expect(formatIssueDate('2034-01-19', { lunarMonthStyle: 'traditional' })).toBe('2034年1月19日 星期四 农历癸丑年闰冬月廿九')
  })

  test('the style does not touch months 1 to 10', () => {
    expect(formatIssueDate('2023-08-22', { lunarMonthStyle: 'traditional' })).toBe('2023年8月22日 星期二 农历癸卯年七月初七')
  })

  const at = (month: number, day: number, style?: 'standard' | 'traditional') =>
    formatLunarDate({ year: 2023, ganzhiYear: '癸卯', month, leap: false, day }, { lunarMonthStyle: style })

  test('every month name', () => {
    const months = Array.from({ length: 12 }, (_, i) => at(i + 1, 1).slice(3, -2))
    expect(months).toEqual(['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'])
    const traditional = Array.from({ length: 12 }, (_, i) => at(i + 1, 1, 'traditional').slice(3, -2))
    expect(traditional).toEqual(['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'])
  })

  test('every day name', () => {
    expect(Array.from({ length: 30 }, (_, i) => at(1, i + 1).slice(5))).toEqual([
      '初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十',
      '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
      '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十'
    ])
  })
})

describe('invalid input', () => {
  test.each(['2023-02-30', '2023-2-3', 'abc', '', '2023-13-01', '2023-00-10', '2023-01-32', '0000-01-01', ' 2023-08-22', '2023-08-22T00:00'])(
    '%j is not a date',
    (input) => {
      expect(() => formatIssueDate(input)).toThrow(InvalidDateError)
      expect(() => lunarDate(input)).toThrow(InvalidDateError)
      expect(() => parseCalendarDate(input)).toThrow(`Not a date in YYYY-MM-DD form: "${input}"`)
      expect(formatIssueDateSafe(input)).toBeNull()
    }
  )

  test('2023-02-29 is rejected but 2024-02-29 and 2000-02-29 are leap days; 2100-02-29 is not', () => {
    expect(() => lunarDate('2023-02-29')).toThrow(InvalidDateError)
    expect(() => lunarDate('2100-02-29')).toThrow(InvalidDateError)
    expect(lunarDate('2024-02-29')).toMatchObject({ month: 1, day: 20 })
    expect(formatIssueDate('2000-02-29')).toMatch(/^2000年2月29日 星期二 农历庚辰年/)
  })

  test.each(['1899-12-31', '1900-12-31', '2101-01-01'])('%s is a date outside the supported range', (input) => {
    expect(() => formatIssueDate(input)).toThrow(CalendarRangeError)
    expect(() => lunarDate(input)).toThrow(`No lunar date for "${input}": supported range is 1901-01-01..2100-12-31`)
  })

  test('the errors carry their input and a name for logs', () => {
    const invalid = catchError(() => lunarDate('2023-02-30'))
    expect(invalid).toBeInstanceOf(InvalidDateError)
    expect(invalid).toMatchObject({ name: 'InvalidDateError', input: '2023-02-30' })
    const outside = catchError(() => lunarDate('2101-01-01'))
    expect(outside).toBeInstanceOf(CalendarRangeError)
    expect(outside).toBeInstanceOf(RangeError)
    expect(outside).toMatchObject({ name: 'CalendarRangeError', input: '2101-01-01' })
  })
})

describe('formatIssueDateSafe', () => {
  test('inside the range it prints the full date, honouring the style', () => {
    expect(formatIssueDateSafe('2023-08-22')).toBe('2023年8月22日 星期二 农历癸卯年七月初七')
    expect(formatIssueDateSafe('2023-01-21', { lunarMonthStyle: 'traditional' })).toBe('2023年1月21日 星期六 农历壬寅年腊月三十')
  })

  test('outside the range it drops the lunar part', () => {
    expect(formatIssueDateSafe('1899-12-31')).toBe('1899年12月31日 星期日')
    expect(formatIssueDateSafe('2101-01-01')).toBe('2101年1月1日 星期六')
    expect(formatIssueDateSafe('0099-03-01')).toBe('99年3月1日 星期日')
  })
})

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}
