/**
 * Handlers of the style editor's calls (contract: styles.*), merged into the handler table.
 * Environment: node.
 */
import type { Input, Output, styleCalls } from '../../common/contract/index.js';
import type { Db } from '../store/connection.js';
import { classifyField, exportLayerQml, importLayerQml } from '../style/layer-style.js';

export interface StyleHandlerDeps {
  db(): Db;
  write<T>(fn: () => T): Promise<T>;
}

type StyleMethods = keyof typeof styleCalls;

export function createStyleHandlers(d: StyleHandlerDeps): {
  [M in StyleMethods]: (input: Input<M>) => Promise<Output<M>>;
} {
  return {
    'styles.classify': (i) => Promise.resolve(classifyField(d.db(), i)),
    'styles.importQml': (i) => d.write(() => importLayerQml(d.db(), i.name, i.qml, i.file ?? `${i.name}.qml`)),
    'styles.exportQml': (i) => Promise.resolve(exportLayerQml(d.db(), i.name)),
  };
}
