/** Illegal-build detection (违法建设识别) in the analysis registry. Environment: node. */
import { ChangeParams, ChangeSummary } from '../../../common/contract/change.js';
import { defineAnalysis } from '../entry.js';
import { CHANGE_STYLE } from './style.js';

function human(s: ChangeSummary): string {
  const kinds = Object.entries(s.byKind)
    .map(([k, n]) => `${k} ${String(n)}`)
    .join(', ');
  return [
    `${s.resultLayer}: ${String(s.count)} suspects (${kinds})`,
    ...s.suspects
      .slice(0, 20)
      .map(
        (x) =>
          `  ${x.id}\t${x.kind}\tscore ${x.score.toFixed(1)}\t+${x.excessAreaM2.toFixed(1)} m²\t+${x.excessHeightM.toFixed(1)} m${x.permit ? `\t${x.permit}` : ''}`,
      ),
    ...(s.dsm
      ? [
          `raster method: ${s.dsm.grid}, ${s.dsm.crs}, ${String(s.dsm.cellM)} m cells${s.dsm.resampled ? ' (after DSM resampled, nearest cell)' : ''}, gain >= ${String(s.dsm.minGainM)} m, >= ${String(s.dsm.minAreaM2)} m2, ${String(s.dsm.components)} change polygons`,
        ]
      : []),
    ...s.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

export const changeEntry = defineAnalysis({
  kind: 'change',
  command: ['change'],
  params: ChangeParams,
  summary: ChangeSummary,
  load: async () => {
    const { runChange } = await import('./run-change.js');
    return { run: runChange };
  },
  jobTitle: (p) => `${p.before} → ${p.after}`,
  cli: {
    flags: {
      before: { valueName: 'L1' },
      after: { valueName: 'L2' },
      permits: { valueName: 'P' },
      zones: { valueName: 'Z' },
      heightField: { valueName: 'F' },
      floorsField: { valueName: 'F' },
      permitHeightField: { valueName: 'F' },
      noiseM: { valueName: 'M' },
      toleranceM: { valueName: 'M' },
      raiseMinM: { valueName: 'M' },
      extendMinM2: { valueName: 'M2' },
      heightToleranceM: { valueName: 'M' },
      dsmBefore: { valueName: 'A.tif' },
      dsmAfter: { valueName: 'B.tif' },
      dsmMinGainM: { valueName: 'M' },
      dsmMinAreaM2: { valueName: 'M2' },
      name: { valueName: 'N' },
    },
    human,
  },
  resultStyle: CHANGE_STYLE,
  report: async () => (await import('./report.js')).changeReport,
  panel: true,
});
