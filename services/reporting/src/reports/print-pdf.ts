import { Browser, chromium } from 'playwright-core';

/** The system's Chromium (Debian's package, deploy/ensure-chromium.sh), or CHROMIUM_PATH. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Longest a page may take to load or print; a report's page is self-contained and small. */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Prints report HTML to PDF in headless Chromium. One browser per printer, started on first use
 * and started again after a failed launch or a crash; each print gets its own context with
 * scripts and network off (the HTML is self-contained) and a time limit, so a hung page fails the
 * job (which is retried) instead of holding the worker.
 *
 * Chromium runs without its sandbox: the service runs as root on this kind of machine, where the
 * sandbox cannot start. What it renders is the report's own HTML, every text escaped and the only
 * image the tenant's logo, a base64 PNG, JPEG or SVG checked against its pattern.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined;

  private launch(): Promise<Browser> {
    const launching = chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: PRINT_TIMEOUT_MS });
    this.browser = launching;
    launching.then(
      (browser) => browser.on('disconnected', () => this.browser === launching && (this.browser = undefined)),
      () => this.browser === launching && (this.browser = undefined),
    );
    return launching;
  }

  async print(html: Buffer): Promise<Buffer> {
    const browser = await (this.browser ?? this.launch());
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html.toString('utf8'), { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
}
