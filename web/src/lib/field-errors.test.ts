import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { describeError, translateFieldMessage } from './field-errors';
import { ALL_PARTS, loadParts, translator } from './i18n';
import { errorMessage } from './problems';

const ko = translator('ko');
const en = translator('en');

const problem = (status: number, key: string, errors?: { field: string; message: string }[]) =>
  new ApiError(status, {
    type: 'x',
    title: 'x',
    status,
    key,
    detail: 'An English sentence from the server.',
    ...(errors ? { errors } : {}),
  });

describe('field messages from the API', () => {
  it('become catalogue messages in Korean', () => {
    expect(translateFieldMessage('must be 10 to 128 characters long', ko)).toBe('10~128자로 입력해 주세요.');
    expect(translateFieldMessage('must be a valid email address', ko)).toBe('올바른 이메일 주소를 입력해 주세요.');
    expect(translateFieldMessage('must be a hospital id', ko)).toBe('목록에서 병원을 골라 주세요.');
  });

  it('the email code messages of /verify-email are Korean, not the server’s English', () => {
    expect(translateFieldMessage('is not correct', ko)).toMatch(/^코드가 맞지 않아요/);
    expect(translateFieldMessage('must be 6 digits', ko)).toBe('숫자 6자리를 입력해 주세요.');
    expect(translateFieldMessage('has expired', ko)).toMatch(/^코드가 만료됐어요/);
  });

  it('become catalogue messages in English too, and unknown ones a generic message in both', async () => {
    await loadParts(ALL_PARTS, 'en');
    expect(translateFieldMessage('is not correct', en)).toBe(
      'The code is not correct. Check the 6 digits in the email.',
    );
    expect(translateFieldMessage('must be a valid email address', en)).toBe('Enter a valid email address.');
    expect(translateFieldMessage('some rule nobody wrote a message for', ko)).toBe('입력한 값을 확인해 주세요.');
    expect(translateFieldMessage('some rule nobody wrote a message for', en)).toBe('Please check this value.');
  });

  it('a validation failure is explained beside each field, once', () => {
    const described = describeError(
      problem(400, 'REQUEST.VALIDATION_FAILED', [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'nickname', message: 'is reserved; choose another' },
        { field: 'ratings.care', message: 'must be at least 1' },
        { field: 'ratings.care', message: 'must be at least 1' },
      ]),
      ko,
    );
    expect(described.fields).toEqual({
      email: '올바른 이메일 주소를 입력해 주세요.',
      nickname: '쓸 수 없는 닉네임이에요. 다른 닉네임을 골라 주세요.',
      'ratings.care': '1 이상이어야 해요.',
    });
    expect(described.message).toBe('입력한 내용을 확인해 주세요.');
  });

  it('a taken nickname or a wrong current password is said once: beside the field', async () => {
    await loadParts(ALL_PARTS, 'ko');
    const taken = describeError(
      problem(409, 'AUTH.NICKNAME_TAKEN', [{ field: 'nickname', message: 'This nickname is already taken.' }]),
      ko,
    );
    expect(taken.fields).toEqual({ nickname: '이미 사용 중인 닉네임이에요.' });
    expect(taken.message).toBe('입력한 내용을 확인해 주세요.');
    const wrong = describeError(
      problem(400, 'AUTH.CURRENT_PASSWORD_INCORRECT', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]),
      ko,
    );
    expect(wrong.fields).toEqual({ currentPassword: '현재 비밀번호가 맞지 않아요.' });
    expect(wrong.message).not.toBe(wrong.fields.currentPassword);
  });
});

describe('problem keys', () => {
  it('known keys get their own message in both languages', async () => {
    await loadParts(ALL_PARTS, 'en');
    expect(errorMessage(problem(409, 'AUTH.EMAIL_TAKEN'), ko)).toBe('이미 가입된 이메일이에요.');
    expect(errorMessage(problem(429, 'AUTH.EMAIL_CODE_COOLDOWN'), ko)).toMatch(/1분에 한 번/);
    expect(errorMessage(problem(429, 'AUTH.EMAIL_CODE_COOLDOWN'), en)).toMatch(/once a minute/);
  });

  it('an unknown key falls back to a localized message, never the server’s English detail', () => {
    expect(errorMessage(problem(409, 'AUTH.SOMETHING_NEW'), ko)).toBe(
      '요청을 처리하지 못했어요. 내용을 확인하고 다시 시도해 주세요.',
    );
    expect(errorMessage(problem(409, 'AUTH.SOMETHING_NEW'), en)).toBe(
      'This could not be done. Please check and try again.',
    );
    expect(errorMessage(problem(429, 'AUTH.SOMETHING_NEW'), ko)).toBe(
      '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
    );
  });
});
