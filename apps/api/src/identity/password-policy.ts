import { DomainError } from '@chidao/domain';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** At least this many characters (after NFC), before any estimate. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's score (0–4): 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

// The estimator with the common-password, name and word lists of @zxcvbn-ts/language-common,
// built on first use (a few hundred milliseconds): a start that sets no password skips it.
let estimator: ZxcvbnFactory | null = null;
const estimate = (password: string, username: string) =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  })).check(password, [username]);

/** Lower case, without accents (đ as d): "Nguyễn" and "nguyen" are the same word here. */
const folded = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase();

/**
 * Why this password must not be set for `username`, or null: too short, one of the common
 * passwords, containing the username (case and accents aside), or too easy to guess by the
 * zxcvbn estimator (score below 3). The first rule that fails is named, in Vietnamese for the
 * clerk, so the administrator knows what to change.
 */
export function passwordProblem(password: string, username: string): DomainError | null {
  const text = password.normalize('NFC');
  if ([...text].length < MIN_PASSWORD_LENGTH) {
    return weak(
      'password_too_short',
      `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
      `Mật khẩu: phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
    );
  }
  const name = folded(username.trim());
  if (name !== '' && folded(text).includes(name)) {
    return weak(
      'password_contains_username',
      'The password must not contain the username.',
      'Mật khẩu: không được chứa tên đăng nhập.',
    );
  }
  const result = estimate(text, username);
  // Almost the whole password is one entry of the common-password list (`passwords-*`).
  const wholeCommon = result.sequence.some(
    (match) =>
      match.pattern === 'dictionary' &&
      String(match.dictionaryName).startsWith('passwords') &&
      match.token.length >= text.length - 2,
  );
  if (wholeCommon) {
    return weak(
      'password_common',
      'The password is one of the commonly used passwords.',
      'Mật khẩu: nằm trong danh sách mật khẩu phổ biến, dễ bị dò ra.',
    );
  }
  if (result.score < MIN_SCORE) {
    return weak(
      'password_too_weak',
      `The password is too easy to guess (strength ${result.score} of 4, at least ${MIN_SCORE} needed): use a longer phrase, less predictable.`,
      `Mật khẩu: quá dễ đoán (độ mạnh ${result.score}/4, cần ít nhất ${MIN_SCORE}); hãy dùng một cụm từ dài hơn, khó đoán hơn.`,
    );
  }
  return null;
}

const weak = (code: string, message: string, messageVi: string) =>
  new DomainError('invalid_input', code, message, messageVi);
