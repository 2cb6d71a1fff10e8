/** Severity colours, as the globe's hatching and the PDF report draw them. */
export const SEVERITY_COLOURS = { high: '#d7191c', medium: '#fdae61', low: '#e6c800' } as const;
