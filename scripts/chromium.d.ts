// Types for chromium.js, so TypeScript tests can import it.
export declare const executablePath: string
export declare const args: string[]
export declare const phone: { viewport: { width: number, height: number }, deviceScaleFactor: number, isMobile: boolean, hasTouch: boolean, locale: string }
