/**
 * Runs `chidao audit replay` (main, the same code path as bin/chidao.js) in a process started with
 * a small heap, its output going to a sink that counts lines and drops them, like /dev/null. The
 * sink samples heapUsed at every chunk written (one per batch, garbage included) and, every 20
 * chunks, the heap retained after a full GC. Prints the figures as one JSON line.
 */
import { Writable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { runChild, say } from '@chidao/event-store/testing';
import { main } from '../../src/main';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

runChild<{ argv: string[] }>(async ({ argv }) => {
  if (!collectGarbage) throw new Error('run with --expose-gc');
  collectGarbage();
  const baseline = getHeapStatistics().used_heap_size;
  let lines = 0;
  let chunks = 0;
  let peakHeapUsed = 0;
  let peakRetained = 0;
  const stdout = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
      chunks += 1;
      peakHeapUsed = Math.max(peakHeapUsed, getHeapStatistics().used_heap_size);
      if (chunks % 20 === 0) {
        collectGarbage();
        peakRetained = Math.max(peakRetained, getHeapStatistics().used_heap_size);
      }
      done();
    },
  });
  let stderr = '';
  const errors = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr += chunk.toString('utf8');
      done();
    },
  });
  const started = Date.now();
  const code = await main(argv, { stdout, stderr: errors });
  const { heap_size_limit: heapSizeLimit } = getHeapStatistics();
  say(
    JSON.stringify({
      code,
      lines,
      chunks,
      baseline,
      peakHeapUsed,
      peakRetained,
      heapSizeLimit,
      ms: Date.now() - started,
      stderr,
    }),
  );
});
