/** A small typed event emitter; each `on` returns its own unsubscribe. */
type Listeners<Events> = { [K in keyof Events]?: Set<(value: Events[K]) => void> };

export class Emitter<Events> {
  private readonly listeners: Listeners<Events> = {};

  on<K extends keyof Events>(key: K, listener: (value: Events[K]) => void): () => void {
    const set = (this.listeners[key] ??= new Set());
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(key: K, value: Events[K]): void {
    for (const listener of this.listeners[key] ?? []) listener(value);
  }

  clear(): void {
    for (const key of Object.keys(this.listeners) as (keyof Events)[]) delete this.listeners[key];
  }
}
