/**
 * Deterministic JSON for hashing: object keys sorted (UTF-16 code unit order, like RFC 8785),
 * no whitespace, `undefined` properties dropped, numbers in ECMAScript form. Anything that
 * JSON would silently mangle (NaN, Infinity, bigint, functions, symbols, Maps, class instances,
 * cycles) is rejected, so equal values always give the same bytes and survive a round trip.
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, []);
  } catch (error) {
    if (error instanceof NotJsonError) {
      throw new TypeError(`canonicalJson: $${error.path.join('')} ${error.message}`);
    }
    throw error;
  }
}

/** Collects the path on the way out, so the hot path never builds path strings. */
class NotJsonError extends Error {
  readonly path: string[] = [];
}

function write(value: unknown, ancestors: object[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(`is ${value}`);
      return JSON.stringify(value);
    case 'object':
      return writeObject(value, ancestors);
    default:
      // undefined at the top level or inside an array, bigint, function, symbol.
      throw new NotJsonError(`is ${typeof value}, not a JSON value`);
  }
}

function writeObject(value: object, ancestors: object[]): string {
  // Dates and other objects with toJSON serialise as JSON.stringify would.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(value), ancestors);
  const isArray = Array.isArray(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (!isArray && proto !== Object.prototype && proto !== null) {
    // A Map, Set or class instance would serialise as {} and lose its content.
    throw new NotJsonError(`is a ${value.constructor?.name ?? 'object'}`);
  }
  // Nesting is shallow, so a stack beats a Set here.
  if (ancestors.includes(value)) throw new NotJsonError('is a cycle');
  ancestors.push(value);
  let at: string | number = '';
  try {
    let out: string;
    if (isArray) {
      out = '[';
      for (let i = 0; i < value.length; i += 1) {
        at = i;
        out += (i === 0 ? '' : ',') + write(value[i], ancestors);
      }
      out += ']';
    } else {
      out = '{';
      for (const key of Object.keys(value).sort()) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        at = key;
        out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + write(item, ancestors);
      }
      out += '}';
    }
    return out;
  } catch (error) {
    if (error instanceof NotJsonError)
      error.path.unshift(typeof at === 'number' ? `[${at}]` : `.${at}`);
    throw error;
  } finally {
    ancestors.pop();
  }
}
