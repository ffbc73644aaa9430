/**
 * Which published issue a build is, and its id. Pure: no I/O.
 *
 * Issues are not dates: the first issue of a date gets the date as its id; a build with the same date
 * and the same 总第N期 as a published issue is a correction of it and keeps its id. Anything else that
 * could replace a published issue is refused unless the editor says what it is: `replace` names the
 * issue it corrects (which keeps its id, even when the date changes), `beside` publishes another issue
 * of the same date (a 号外) under `<date>-2`, `<date>-3` …
 */
import type { FeedIndex, IssueSummary } from '../../src/core/feed'

/** What the editor said about the build. */
export interface IssueIntent {
  replace?: string
  beside?: boolean
}

/** The id chosen and the published issue the build replaces, if any. */
export type IssueIdChoice = { id: string, replaces?: IssueSummary } | { error: string }

function describe(s: IssueSummary): string {
  return `“${s.id}”这一期（${s.date} 总第${s.number}期）`
}

function freeId(date: string, taken: Set<string>): string {
  if (!taken.has(date)) return date
  for (let k = 2; ; k++) if (!taken.has(`${date}-${k}`)) return `${date}-${k}`
}

/** Chooses the id of a build of the issue dated `date` with number `number` (see the module comment). */
export function chooseIssueId(index: FeedIndex | undefined, build: { date: string, number: number }, intent: IssueIntent = {}): IssueIdChoice {
  const issues = index?.issues ?? []
  const taken = new Set(issues.map((s) => s.id))
  const label = `${build.date} 总第${build.number}期`
  if (intent.replace !== undefined) {
    const target = issues.find((s) => s.id === intent.replace)
    if (!target) return { error: `没有已发布的“${intent.replace}”这一期可以替换（已发布：${issues.map((s) => s.id).join('、') || '无'}）` }
    const clash = issues.find((s) => s.id !== target.id && s.number === build.number)
    if (clash) return { error: `总第${build.number}期已作为${describe(clash)}发布；用它替换${target.id}会让这个期号出现两次` }
    return { id: target.id, replaces: target }
  }
  const same = issues.find((s) => s.date === build.date && s.number === build.number)
  if (same) {
    if (intent.beside) return { error: `${label}已作为${describe(same)}发布；重新生成就是更正它（去掉 --beside）` }
    return { id: same.id, replaces: same }
  }
  const sameNumber = issues.find((s) => s.number === build.number)
  if (sameNumber) {
    return { error: `总第${build.number}期已作为${describe(sameNumber)}发布，而这次生成的日期是${build.date}。如果是更正那一期，请加 --replace ${sameNumber.id}；如果是期号印错了，请改正来源文件` }
  }
  const sameDate = issues.filter((s) => s.date === build.date)
  if (sameDate.length > 0 && !intent.beside) {
    return { error: `${build.date}已有${sameDate.map(describe).join('和')}；这次生成的是总第${build.number}期。如果是更正那一期，请加 --replace ${sameDate[0].id}；如果是同一天的另一期（号外），请加 --beside` }
  }
  return { id: freeId(build.date, taken) }
}
