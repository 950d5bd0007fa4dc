/**
 * What a reader that shows events as stored (exports, time-travel histories, the Kafka topic)
 * shows of their data: everything but a password hash. New events carry none (the hash is in
 * the credential store); version-1 UserPasswordSet events of older logs do, and the log,
 * append-only and hash-chained, keeps them: this is what stops them from leaving it. Every
 * `passwordHash` field is dropped, however deep, whatever the event's type, so a hash is not
 * handed out because the event that carries it was not foreseen here.
 */
export function withoutCredentials<D>(data: D): D {
  return redact(data) as D;
}

const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['passwordHash']);

function redact(value: unknown): unknown {
  if (!holdsCredential(value)) return value;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value as object)
      .filter(([key]) => !CREDENTIAL_FIELDS.has(key))
      .map(([key, item]) => [key, redact(item)]),
  );
}

// Most events hold no credential: they are passed on as the same object, not copied.
function holdsCredential(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsCredential);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, item]) => CREDENTIAL_FIELDS.has(key) || holdsCredential(item),
  );
}
