/**
 * The contract's LayerName rule (common/contract), checked as the user types so the
 * name field can say what is wrong before the import is started.
 */
const LAYER_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_LENGTH = 63;

export function isValidLayerName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_LENGTH && LAYER_NAME.test(name);
}
