/**
 * The globe's view in a run's PDF (issue #18 item 6): a window sends a JPEG of what it shows
 * (analysis.reportView), and the report's first map is that picture instead of the features
 * drawn from the data; without one (the CLI) the map is drawn. Views expire (ReportViews). Checked in the PDF itself with
 * poppler's pdfimages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import type { JobInfo } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { withView } from '../../../main/analysis/report-run.js';
import { REPORT_VIEW_MAX, REPORT_VIEW_TTL_MS, ReportViews } from '../../../main/analysis/report-views.js';
import type { ReportDoc } from '../../../main/report/document.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { tempDir } from '../helpers.js';

let backend: Backend;

beforeAll(async () => {
  const { file, db } = planWorkspace(handCase());
  db.close();
  backend = await createBackend({
    workspacePath: file,
    host: 'browser',
    tempDir: tempDir(),
    logError: () => undefined,
  });
});

afterAll(() => backend.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const reply = await backend.dispatch(method, input);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as T;
}

/** A 64×40 JPEG, orange, written by GDAL from a PNG. */
function jpeg(): Buffer {
  const dir = tempDir();
  const data = new Uint8Array(64 * 40 * 3);
  for (let i = 0; i < data.length; i += 3) data.set([240, 140, 20], i);
  fs.writeFileSync(path.join(dir, 'v.png'), encode({ width: 64, height: 40, data, channels: 3 }));
  execFileSync('gdal_translate', ['-q', '-of', 'JPEG', path.join(dir, 'v.png'), path.join(dir, 'v.jpg')]);
  return fs.readFileSync(path.join(dir, 'v.jpg'));
}

/** The images of a PDF as pdfimages lists them: [width, height, encoding]. */
async function pdfImages(layer: string): Promise<string[][]> {
  const pdf = await backend.exportToTemp(layer, 'pdf');
  if (!pdf.ok) throw new Error(JSON.stringify(pdf.error));
  const out = execFileSync('pdfimages', ['-list', pdf.result.path], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return [c[3] ?? '', c[4] ?? '', c[8] ?? ''];
    });
}

describe('the view of the globe in a report', () => {
  it('puts the sent view in place of the drawn map', async () => {
    const { jobId } = await call<{ jobId: string }>('analysis.start', {
      kind: 'multiplan',
      params: { layers: ['plan_master', 'plan_regulatory', 'control_lines'] },
    });
    for (;;) {
      const job = await call<JobInfo>('jobs.get', { jobId });
      if (job.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await pdfImages('conflicts_1')).toEqual([]);

    const view = jpeg();
    expect(await call('analysis.reportView', { layer: 'conflicts_1', jpeg: view.toString('base64') })).toEqual({
      bytes: view.length,
    });
    expect(await pdfImages('conflicts_1')).toEqual([['64', '40', 'jpeg']]);
  });

  it('refuses a view that is not a JPEG, or of a layer that is no run', async () => {
    const png = encode({ width: 1, height: 1, data: new Uint8Array([1, 2, 3]), channels: 3 });
    const notJpeg = await backend.dispatch('analysis.reportView', {
      layer: 'conflicts_1',
      jpeg: Buffer.from(png).toString('base64'),
    });
    expect(notJpeg).toMatchObject({ ok: false, error: { code: 'api.bad_input', kind: 'args' } });
    const notRun = await backend.dispatch('analysis.reportView', {
      layer: 'plan_master',
      jpeg: jpeg().toString('base64'),
    });
    expect(notRun).toMatchObject({ ok: false, error: { code: 'analysis.no_run' } });
    const notBase64 = await backend.dispatch('analysis.reportView', { layer: 'conflicts_1', jpeg: '<svg/>' });
    expect(notBase64).toMatchObject({ ok: false, error: { code: 'api.bad_input' } });
  });
});

describe('ReportViews and withView', () => {
  it('keeps the newest views only', () => {
    const views = new ReportViews();
    for (let i = 0; i <= REPORT_VIEW_MAX; i++) views.set(`r${String(i)}`, new Uint8Array([i]), 0);
    expect(views.get('r0', 0)).toBeUndefined();
    expect(views.get(`r${String(REPORT_VIEW_MAX)}`, 0)).toEqual(new Uint8Array([REPORT_VIEW_MAX]));
    views.set('r1', new Uint8Array([9]), 1);
    expect(views.get('r1', 1 + REPORT_VIEW_TTL_MS)).toEqual(new Uint8Array([9]));
    expect(views.get('r1', 2 + REPORT_VIEW_TTL_MS)).toBeUndefined();
  });

  it('replaces the first map only, keeps its legend and drops its CRS note', () => {
    const doc: ReportDoc = {
      lang: 'zh-CN',
      cover: { title: 'T', facts: [] },
      sections: [
        { kind: 'paragraph', text: 'a' },
        { kind: 'map', title: 'm1', layers: [], legend: [{ colour: '#ff0000', label: 'x' }], crsLabel: 'GK 38' },
        { kind: 'map', title: 'm2', layers: [], crsLabel: 'GK 38' },
      ],
    };
    const out = withView(doc, new Uint8Array([0xff, 0xd8]));
    expect(out.sections[0]).toEqual(doc.sections[0]);
    expect(out.sections[1]).toEqual({
      kind: 'map',
      title: 'm1',
      layers: [],
      legend: [{ colour: '#ff0000', label: 'x' }],
      crsLabel: undefined,
      image: new Uint8Array([0xff, 0xd8]),
    });
    expect(out.sections[2]).toEqual(doc.sections[2]);
  });
});
