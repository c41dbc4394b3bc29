import { Browser, chromium } from 'playwright-core';

/** The system's Chromium (Debian's package, deploy/ensure-chromium.sh), or CHROMIUM_PATH. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Prints report HTML to PDF in headless Chromium. One browser per printer, started on first use;
 * each print gets its own page with scripts and network off, since the HTML is self-contained.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined;

  async print(html: Buffer): Promise<Buffer> {
    this.browser ??= chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const context = await (await this.browser).newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html.toString('utf8'), { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser).close();
  }
}
