// Browser tests wait on real rendering and network; give them room (they still stop on their own).
jest.setTimeout(60_000)
