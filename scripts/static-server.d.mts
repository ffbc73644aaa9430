// Types for static-server.mjs, so TypeScript tests can import it.
import type { Server } from 'node:http'

export declare function trustProxyBehind(env?: Record<string, string | undefined>): string
export declare function startStaticServer(options: { appDir: string, feedDir: string, host?: string, port?: number, apiTarget?: string, trustProxy?: number }): Promise<{ server: Server, url: string }>
