/** Severity colours, as the globe's hatching and the PDF report draw them (one table, in layers/plan-rules). */
export { SEVERITY_COLOURS } from '../../../layers/plan-rules.js';
