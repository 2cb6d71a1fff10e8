/** The multi-plan review (多规合一) in the analysis registry. Environment: node. */
import path from 'node:path';
import { MultiplanStart, MultiplanSummary } from '../../../common/contract/index.js';
import { defineAnalysis } from '../entry.js';
import { RESULT_STYLE } from './result-layer.js';

function human(s: MultiplanSummary): string {
  const lines = [
    `${s.resultLayer}: ${String(s.count)} parts, ${String(s.conflicts.count)} conflicts, ${s.conflicts.areaM2.toFixed(1)} m²`,
  ];
  for (const r of s.byRule.filter((x) => x.count > 0)) {
    lines.push(`  ${r.ruleId} ${r.severity}\t${String(r.count)}\t${r.areaM2.toFixed(1)} m²\t${r.reasonZh}`);
  }
  return lines.join('\n');
}

export const multiplanEntry = defineAnalysis({
  kind: 'multiplan',
  command: ['multiplan'],
  params: MultiplanStart,
  summary: MultiplanSummary,
  load: async () => {
    const { runMultiplan } = await import('./run-multiplan.js');
    return { run: runMultiplan };
  },
  jobTitle: (p) => p.layers.join(' × '),
  cli: {
    flags: {
      layers: { valueName: 'A,B[,C]' },
      classFields: { valueName: 'A:FIELD,...' },
      rules: {
        valueName: 'R.csv',
        parse: async (file) => (await import('./rules-csv.js')).readRulesCsv(path.resolve(file)),
        alsoSets: (file) => ({ rulesSource: path.basename(file) }),
      },
      rulesSource: { hidden: true },
      districtLayer: { valueName: 'D' },
      districtField: { valueName: 'F' },
      name: { valueName: 'N' },
      minAreaM2: { valueName: 'X' },
      minWidthM: { valueName: 'Y' },
      workers: { valueName: 'N' },
    },
    human,
  },
  resultStyle: RESULT_STYLE,
  report: async () => {
    const { multiplanReport } = await import('./report.js');
    return (db, layer, options) => Promise.resolve(multiplanReport(db, layer, options));
  },
  panel: true,
});
