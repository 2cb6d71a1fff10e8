import { importError } from '../../api/errors.js';
import type { FormatReader } from '../types.js';

export const cityjsonReader: FormatReader = {
  format: 'cityjson',
  extensions: [],
  open(file) {
    return Promise.reject(importError('unsupported_format', { file: file.fileName, extension: 'cityjson' }));
  },
};
