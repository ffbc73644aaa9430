// Server tests start real processes and wait on real HTTP; give them room (they still stop on their own).
jest.setTimeout(30_000)
