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
  return `issue ${s.id} (${s.date} 总第${s.number}期)`
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
    if (!target) return { error: `there is no published issue ${intent.replace} to replace (published: ${issues.map((s) => s.id).join(', ') || 'none'})` }
    const clash = issues.find((s) => s.id !== target.id && s.number === build.number)
    if (clash) return { error: `总第${build.number}期 is already published as ${describe(clash)}; replacing ${target.id} with it would list the number twice` }
    return { id: target.id, replaces: target }
  }
  const same = issues.find((s) => s.date === build.date && s.number === build.number)
  if (same) {
    if (intent.beside) return { error: `${label} is already published as ${describe(same)}; a rebuild corrects it (leave out --beside)` }
    return { id: same.id, replaces: same }
  }
  const sameNumber = issues.find((s) => s.number === build.number)
  if (sameNumber) {
    return { error: `总第${build.number}期 is already published as ${describe(sameNumber)}, and this build is dated ${build.date}. If it corrects that issue, pass --replace ${sameNumber.id}; if the number is misprinted, correct the source` }
  }
  const sameDate = issues.filter((s) => s.date === build.date)
  if (sameDate.length > 0 && !intent.beside) {
    return { error: `${build.date} already has ${sameDate.map(describe).join(' and ')}; this build is 总第${build.number}期. If it corrects that issue, pass --replace ${sameDate[0].id}; if it is another issue of the same day (号外), pass --beside` }
  }
  return { id: freeId(build.date, taken) }
}
