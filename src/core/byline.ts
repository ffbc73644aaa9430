import type { Person } from './feed'

/**
 * Credits as printed: people grouped by role in order of first appearance, roles joined with ` · `
 * (`记者 胡碧源 · 通讯员 王安冉`, `记者 张三 李四 · 实习生 王五`).
 */
export function formatByline(byline: Person[]): string {
  const groups: Array<{ role: string, names: string[] }> = []
  for (const p of byline) {
    const g = groups.find((x) => x.role === p.role)
    if (g) g.names.push(p.name)
    else groups.push({ role: p.role, names: [p.name] })
  }
  return groups.map((g) => `${g.role} ${g.names.join(' ')}`).join(' · ')
}

/** The first credit alone, for article lists: `记者 胡碧源`. */
export function firstCredit(byline: Person[]): string | undefined {
  return byline[0] ? `${byline[0].role} ${byline[0].name}` : undefined
}

/** A photographer's credit as printed under a photo: `记者 杨国庆 摄`. */
export function formatPhotoCredit(credit: Person): string {
  return `${credit.role} ${credit.name} 摄`
}
