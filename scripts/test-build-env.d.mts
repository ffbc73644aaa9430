// Types for test-build-env.mjs, so TypeScript tests can import it.
export declare const testPort: string
export declare const notifyPort: string
export declare const testTemplateId: string
export declare const secretCanaries: Record<string, string>
export declare const weappTestEnv: Record<string, string>
export declare const h5TestEnv: Record<string, string>
