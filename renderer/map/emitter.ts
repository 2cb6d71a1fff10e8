/** A small typed event emitter; each `on` returns its own unsubscribe. */
type Listener<Events, K extends keyof Events> = (value: Events[K]) => void;

export class Emitter<Events> {
  private readonly listeners = new Map<keyof Events, Set<Listener<Events, never>>>();

  on<K extends keyof Events>(key: K, listener: Listener<Events, K>): () => void {
    const set = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(key: K, value: Events[K]): void {
    for (const listener of this.listeners.get(key) ?? []) (listener as Listener<Events, K>)(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}
