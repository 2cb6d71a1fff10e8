/** Every Cesium object or listener the map creates is registered here and released on destroy. */
export class Disposables {
  private readonly items: (() => void)[] = [];

  add(dispose: () => void): void {
    this.items.push(dispose);
  }

  dispose(): void {
    while (this.items.length > 0) this.items.pop()?.();
  }
}
