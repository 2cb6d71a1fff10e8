/**
 * The style editor's calls: class breaks of a numeric field, and QGIS .qml styles read into
 * a layer and written from it (categorised, graduated and single-symbol fills).
 * Environment: common.
 */
import { z } from 'zod';
import { call } from './call.js';
import { LayerEntry } from './layers.js';
import { LayerName } from './shared.js';

/** At most 2 MB of .qml text (QGIS writes ~3 kB per class). */
const QmlText = z.string().min(1).max(2_000_000);

export const ClassifyInput = z
  .object({
    name: LayerName,
    field: z.string().min(1),
    mode: z.enum(['equalInterval', 'quantile', 'jenks', 'stated']),
    classes: z.number().int().min(1).max(100),
    /** `stated`: the edges, lowest first (at least two). */
    edges: z.array(z.number()).max(101).optional(),
  })
  .strict();
export type ClassifyInput = z.infer<typeof ClassifyInput>;

export const ClassifyResult = z.object({
  /** n + 1 edges: the minimum, then each class's upper bound. Empty when the field has no number. */
  edges: z.array(z.number()),
  /** Features per class (lower < v <= upper; the first class includes its lower bound). */
  counts: z.array(z.number().int()),
  /** Numeric values the breaks were computed from. */
  valueCount: z.number().int(),
});
export type ClassifyResult = z.infer<typeof ClassifyResult>;

export const styleCalls = {
  'styles.classify': call(ClassifyInput, ClassifyResult),
  /** Reads a .qml into the layer's style; `file` names it in messages. */
  'styles.importQml': call(
    z.object({ name: LayerName, qml: QmlText, file: z.string().max(500).optional() }).strict(),
    z.object({ layer: LayerEntry, notes: z.array(z.string()) }),
    true,
  ),
  'styles.exportQml': call(z.object({ name: LayerName }).strict(), z.object({ qml: z.string(), fileName: z.string() })),
} as const;
