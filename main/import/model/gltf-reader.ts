import { importError } from '../../api/errors.js';
import type { FormatReader } from '../types.js';

export const gltfReader: FormatReader = {
  format: 'gltf',
  extensions: [],
  open(file) {
    return Promise.reject(importError('unsupported_format', { file: file.fileName, extension: 'gltf' }));
  },
};
