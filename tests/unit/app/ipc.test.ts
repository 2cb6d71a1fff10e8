import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../common/contract/index.js';
import { createInvokeHandler } from '../../../main/app/ipc.js';

function handlerWithLog() {
  const seen: { method: string; input: unknown }[] = [];
  const handler = createInvokeHandler({
    dispatch(method, input) {
      seen.push({ method, input });
      return Promise.resolve<Reply<unknown>>({ ok: true, result: { method } });
    },
  });
  return { handler, seen };
}

describe('the cim:invoke handler', () => {
  it('dispatches calls from cim://app', async () => {
    const { handler, seen } = handlerWithLog();
    const reply = await handler({ senderFrame: { url: 'cim://app/index.html' } }, 'layers.list', {});
    expect(reply).toEqual({ ok: true, result: { method: 'layers.list' } });
    expect(seen).toEqual([{ method: 'layers.list', input: {} }]);
  });

  it.each([null, 'https://example.com/', 'file:///tmp/x.html', 'cim://other/index.html'])(
    'refuses a sender frame at %s without dispatching',
    async (url) => {
      const { handler, seen } = handlerWithLog();
      const reply = await handler({ senderFrame: url === null ? null : { url } }, 'layers.list', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender', kind: 'auth' } });
      expect(seen).toEqual([]);
    },
  );

  it('refuses a method that is not a string', async () => {
    const { handler, seen } = handlerWithLog();
    const reply = await handler({ senderFrame: { url: 'cim://app/' } }, { toString: 'x' }, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'ipc.bad_method', kind: 'args' } });
    expect(seen).toEqual([]);
  });
});
