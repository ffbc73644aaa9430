// Types for build-sample-feed.mjs, so TypeScript tests can import it.
export declare const root: string
export declare const sampleFeedDir: string
export declare const workingFeedDir: string
export declare function buildSampleFeed(out?: string): void
export declare function seedWorkingFeed(dir?: string): boolean
