import * as path from 'node:path';
import { generateCheckpointKey, keyIdOf, loadCheckpointPublicKey } from '@chidao/audit';
import { EXIT, line, parseOptions, required, type CliIo } from '../cli-io';

export const KEYGEN_USAGE = `chidao audit keygen --out FILE

  Tạo khoá Ed25519 để ký các điểm kiểm của nhật ký: khoá bí mật tại FILE (quyền 0600), khoá công
  khai tại FILE.pub. Đặt FILE ngoài thư mục dữ liệu, rồi đặt CHIDAO_AUDIT_SIGNING_KEY=FILE.
  Creates the Ed25519 key that signs the log's checkpoints: the private key at FILE (mode 0600),
  the public key at FILE.pub (give it to the auditors). Keep FILE outside the data directory and
  set CHIDAO_AUDIT_SIGNING_KEY=FILE. Never overwrites an existing key.
`;

const OPTIONS = { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

// Synchronous work behind the commands' common (async) signature.
export function keygenCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(KEYGEN_USAGE);
    return Promise.resolve(EXIT.ok);
  }
  const out = path.resolve(required(values.out, 'out'));
  const publicKeyPath = generateCheckpointKey(out);
  const keyId = keyIdOf(loadCheckpointPublicKey(publicKeyPath));
  line(io.stdout, `Khoá bí mật / private key: ${out}`);
  line(io.stdout, `Khoá công khai / public key: ${publicKeyPath}`);
  line(io.stdout, `Mã khoá / key id: ${keyId}`);
  return Promise.resolve(EXIT.ok);
}
