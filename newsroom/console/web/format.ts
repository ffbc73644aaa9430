/** How the console writes dates and issue numbers for editors. */

/** `2023-08-23` → `2023年8月23日` (the date as printed on the masthead). */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date
}

/** `2023年8月23日 总第764期`: how a confirmation names an issue. */
export function issueName(date: string, number: number): string {
  return `${chineseDate(date)} 总第${number}期`
}

/** An ISO time as Beijing wall-clock time, `8月23日 14:05`. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return iso
  const d = new Date(t + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
