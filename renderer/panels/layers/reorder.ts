/** Layer-tree reordering, as lists of names from the top of the tree to the bottom. */

export function moveBy(topToBottom: readonly string[], name: string, step: -1 | 1): string[] | null {
  const from = topToBottom.indexOf(name);
  const to = from + step;
  if (from < 0 || to < 0 || to >= topToBottom.length) return null;
  const names = [...topToBottom];
  names.splice(from, 1);
  names.splice(to, 0, name);
  return names;
}

/** Drops `dragged` just above (`before`) or below the `target` row. */
export function dropAt(topToBottom: readonly string[], dragged: string, target: string, before: boolean): string[] {
  const names = topToBottom.filter((name) => name !== dragged);
  const index = names.indexOf(target);
  names.splice(before ? index : index + 1, 0, dragged);
  return names;
}
