import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReservedNickname, nicknameKey, normalizeEmail } from './profile.js';

describe('account name rules', () => {
  it('compares emails without case or surrounding space', () => {
    assert.equal(normalizeEmail('  Kim.Nurse@Example.COM '), 'kim.nurse@example.com');
  });

  it('treats nicknames that differ only in case or width as the same', () => {
    assert.equal(nicknameKey('NightShift'), nicknameKey('nightshift'));
    assert.equal(nicknameKey('ＡＢＣ'), nicknameKey('abc'));
    assert.notEqual(nicknameKey('간호사1'), nicknameKey('간호사2'));
  });

  it('reserves staff-like and withdrawn-member names, however written', () => {
    for (const name of ['admin', 'Admin', 'ad_min', '운영자', '탈퇴한-회원']) assert.ok(isReservedNickname(name), name);
    assert.ok(!isReservedNickname('새벽근무'));
  });
});
