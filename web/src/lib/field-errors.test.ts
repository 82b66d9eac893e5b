import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { describeError, translateFieldMessage } from './field-errors';
import { translator } from './i18n';

const t = translator('ko');

describe('field messages from the API', () => {
  it('are translated to Korean when a pattern is known', () => {
    expect(translateFieldMessage('must be 10 to 128 characters long', t, 'ko')).toBe('10~128자로 입력해 주세요.');
    expect(translateFieldMessage('must be a valid email address', t, 'ko')).toBe('올바른 이메일 주소를 입력해 주세요.');
  });

  it('are shown as the API wrote them otherwise, and always in English', () => {
    expect(translateFieldMessage('must be a hospital id', t, 'ko')).toBe('must be a hospital id');
    expect(translateFieldMessage('must be a valid email address', t, 'en')).toBe('must be a valid email address');
  });

  it('a validation failure is explained beside each field', () => {
    const error = new ApiError(400, {
      type: 'x',
      title: 'Bad Request',
      status: 400,
      key: 'REQUEST.VALIDATION_FAILED',
      errors: [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'nickname', message: 'is reserved; choose another' },
      ],
    });
    const described = describeError(error, t, 'ko');
    expect(described.fields).toEqual({
      email: '올바른 이메일 주소를 입력해 주세요.',
      nickname: '쓸 수 없는 닉네임이에요. 다른 닉네임을 골라 주세요.',
    });
    expect(described.message).toBe('입력한 내용을 확인해 주세요.');
  });

  it('known problem keys get their own message', () => {
    const error = new ApiError(409, { type: 'x', title: 'Conflict', status: 409, key: 'AUTH.EMAIL_TAKEN' });
    expect(describeError(error, t, 'ko').message).toBe('이미 가입된 이메일이에요.');
  });
});
