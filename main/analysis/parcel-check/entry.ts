/** The planning-condition check (规划条件核验) in the analysis registry. Environment: node. */
import { ParcelCheckStart, ParcelCheckSummary } from '../../../common/contract/index.js';
import { defineAnalysis } from '../entry.js';

export const parcelCheckEntry = defineAnalysis({
  kind: 'parcel-check',
  command: ['parcel-check'],
  params: ParcelCheckStart,
  summary: ParcelCheckSummary,
  load: async () => {
    const { runParcelCheck } = await import('./run-parcel-check.js');
    return { run: runParcelCheck };
  },
  jobTitle: (p) => `${p.parcels} × ${p.buildings}`,
  cli: {
    flags: {
      parcels: { valueName: 'P' },
      buildings: { valueName: 'B' },
      green: { valueName: 'G' },
      redlines: { valueName: 'R' },
      name: { valueName: 'N' },
    },
    human: (s) => `${s.resultLayer}: ${String(s.count)} parcels, ${String(s.violating)} with violations`,
  },
  panel: false,
});
