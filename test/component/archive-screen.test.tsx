import { screen, fireEvent } from '@testing-library/react'
import { ArchiveScreen } from '@/features/archive/archive-screen'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { renderWithServices } from './render-with-services'

const index = makeIndex([
  makeIssue('2023-09-01', { number: 766, yearNumber: 66 }),
  makeIssue('2023-08-22', { number: 763, yearNumber: 63 }),
  makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
])
const source = { fetchIndex: async () => index, fetchIssue: async () => makeIssue() }

test('opens on the latest month with the latest issue marked, and steps between months with issues', async () => {
  const open = jest.fn()
  const { container } = renderWithServices(<ArchiveScreen onOpenIssue={open} />, source)
  await screen.findByText('2023年9月')
  const latest = container.querySelector('.archive__day--latest')
  expect(latest?.textContent).toBe('1最新')
  fireEvent.click(screen.getByLabelText('上一个有报纸的月份'))
  await screen.findByText('2023年8月')
  const marked = Array.from(container.querySelectorAll('.archive__day--issue')).map((d) => d.getAttribute('aria-label'))
  expect(marked).toEqual(['2023-08-18 第762期', '2023-08-22 第763期'])
  fireEvent.click(container.querySelectorAll('.archive__day--issue')[1])
  expect(open).toHaveBeenLastCalledWith('/pages/issue/index?id=2023-08-22')
  // The month's list shows each issue's full date, lunar part included.
  expect(screen.getByText('2023年8月22日 星期二 农历癸卯年七月初七')).toBeTruthy()
  fireEvent.click(screen.getByText('2023年8月18日 星期五 农历癸卯年七月初三'))
  expect(open).toHaveBeenLastCalledWith('/pages/issue/index?id=2023-08-18')
})

test('a month given in the link is shown; days without an issue do nothing', async () => {
  const open = jest.fn()
  const { container } = renderWithServices(<ArchiveScreen month='2023-08' onOpenIssue={open} />, source)
  await screen.findByText('2023年8月')
  const plain = Array.from(container.querySelectorAll('.archive__day')).find((d) => d.textContent?.startsWith('10'))
  fireEvent.click(plain as Element)
  expect(open).not.toHaveBeenCalled()
})
