/**
 * The HTML map in a real browser: Debian's chromium, driven by playwright-core (never a browser of
 * its own). Without chromium the test says so and is skipped, except under CI=true, where it fails.
 * The screenshot stays in test-artifacts/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { readFleet } from '../../src/map/fleet';
import { renderScheduleMap } from '../../src/map/render';
import { fixtureDocuments, fixtureMap } from './support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const FIXTURES = ['fleet.yaml', 'pile-up.yaml'];
const available = existsSync(CHROMIUM);
if (!available && process.env.CI !== 'true') {
  console.warn(`browser test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
/** The little of the DOM the functions run in the page use (the tests compile without the DOM library). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
}
declare const getComputedStyle: (element: PageElement) => { readonly fill: string };

const describeInBrowser = available || process.env.CI === 'true' ? describe : describe.skip;

describeInBrowser('the HTML map in headless chromium', () => {
  let browser: BrowserContext;
  let profile: string;
  const requests: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'map-chromium-'));
    // A fresh profile each run: chromium's own --user-data-dir, which playwright passes for a persistent context.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1500, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** Writes the map of the fixtures as a page under test-artifacts/ and opens it. */
  async function open(name: string, timeZone: string): Promise<Page> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, renderScheduleMap(fixtureMap(FIXTURES, { timeZone }), 'html'));
    const page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  test('every job of the fixtures appears, the page fetches nothing, and a screenshot is kept', async () => {
    const page = await open('schedule-map', 'UTC');
    const map = fixtureMap(FIXTURES);
    expect(map.jobs).toHaveLength(readFleet(fixtureDocuments(...FIXTURES)).length);
    for (const [i, job] of map.jobs.entries()) {
      await expect(page.locator(`tr.job[data-job="${job.id}"]`).isVisible()).resolves.toBe(true);
      // Every job that runs in the window also has its row of bars.
      const bars = page.locator(`g.job-row[data-job="${job.id}"]`);
      await expect(bars.count()).resolves.toBe(map.runs[i].starts.length > 0 ? 1 : 0);
    }
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'schedule-map.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'schedule-map.png'))).toBe(true);
    await page.close();
  }, 60_000);

  test('the pile-up of 40 jobs at 00:00 is the darkest cell', async () => {
    const page = await open('schedule-map', 'UTC');
    const darkest = await page.$$eval('g.cell', (cells: PageElement[]) => {
      const luminance = (cell: PageElement) => {
        const [r, g, b] = getComputedStyle(cell.querySelector('rect')!).fill.match(/\d+/g)!.map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const least = Math.min(...cells.map(luminance));
      return cells.filter((c) => luminance(c) === least).map((c) => c.getAttribute('data-when'));
    });
    expect(darkest.length).toBeGreaterThan(0);
    for (const when of darkest) expect(when).toMatch(/ 00:00 UTC$/);
    // The same cell in the table beside the chart names all 40 jobs of the pile-up.
    const row = await page.locator('tr.cell-row', { hasText: '2026-10-29 (Thu) 00:00 UTC' }).textContent();
    for (let i = 0; i < 40; i++) expect(row).toContain(`daily-${String(i).padStart(2, '0')}`);
    await page.close();
  }, 60_000);

  test('the double run of 30 1 * * * in America/New_York shows on 2026-11-01', async () => {
    const page = await open('schedule-map-new-york', 'America/New_York');
    const doubled = await page.$$eval('g.cell title', (titles: PageElement[]) =>
      titles
        .filter((t) => t.textContent!.includes('reports/nightly-dst ×2'))
        .map((t) => t.parentElement!.getAttribute('data-when')),
    );
    expect(doubled).toEqual(['2026-11-01 (Sun) 01:00 America/New_York']);
    const finding = page.locator('li.finding[data-kind="dst-double-run"]');
    await expect(finding.textContent()).resolves.toContain(
      '2026-11-01 in America/New_York: the clocks go back and 1 job runs twice',
    );
    await page.close();
  }, 60_000);
});
