import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ProblemException } from './problem.exception.js';
import { createValidationPipe } from './validation.pipe.js';

class Ratings {
  @IsInt()
  @Min(1)
  @Max(5)
  care!: number;
}

class ReviewDto {
  @IsString()
  title!: string;

  @ValidateNested()
  @Type(() => Ratings)
  ratings!: Ratings;
}

class PatchDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  title?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  district?: string | null;

  @ApiProperty({ type: () => Ratings, required: false })
  @IsOptional()
  @ValidateNested()
  @Type(() => Ratings)
  ratings?: Ratings;
}

const fieldsOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProblemException, String(error));
    return [...new Set(error.errors?.map((e) => e.field))].sort();
  }
  assert.fail('expected a validation problem');
};

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const transform = (value: unknown) => pipe.transform(value, { type: 'body', metatype: ReviewDto });

  it('names every invalid field, nested ones by their dotted path, and unknown fields', async () => {
    await assert.rejects(transform({ title: 3, ratings: { care: 9 }, extra: true }), (error: unknown) => {
      assert.ok(error instanceof ProblemException);
      assert.equal(error.status, 400);
      const fields = error.errors?.map((e) => e.field).sort();
      assert.deepEqual(fields, ['extra', 'ratings.care', 'title']);
      assert.equal(error.errors?.find((e) => e.field === 'extra')?.message, 'is not an accepted field');
      return true;
    });
  });

  it('returns an instance of the DTO for valid input', async () => {
    const dto = await transform({ title: 'ok', ratings: { care: 4 } });
    assert.ok(dto instanceof ReviewDto);
    assert.ok(dto.ratings instanceof Ratings);
  });

  it('refuses NUL characters and lone surrogates anywhere, in bodies, queries and path parameters', async () => {
    assert.deepEqual(await fieldsOf(transform({ title: 'a\u0000', ratings: { care: 4 } })), ['title']);
    assert.deepEqual(await fieldsOf(transform({ title: 'x\ud800', ratings: { care: 4 } })), ['title']);
    assert.deepEqual(await fieldsOf(transform({ title: 'ok', ratings: { care: 4, n: ['\udc00'] } })), ['ratings.n.0']);
    assert.deepEqual(await fieldsOf(pipe.transform({ q: 'a\u0000' }, { type: 'query', metatype: Object })), ['q']);
    assert.deepEqual(await fieldsOf(pipe.transform('a\u0000', { type: 'param', data: 'id', metatype: String })), [
      'id',
    ]);
    assert.ok((await transform({ title: '😀 emoji', ratings: { care: 4 } })) instanceof ReviewDto);
  });

  it('refuses __proto__, constructor and prototype keys at any depth', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const top = JSON.parse(`{"title":"ok","ratings":{"care":4},"${key}":{"admin":true}}`);
      assert.deepEqual(await fieldsOf(transform(top)), [key]);
      const nested = JSON.parse(`{"title":"ok","ratings":{"care":4,"${key}":{}}}`);
      assert.deepEqual(await fieldsOf(transform(nested)), [`ratings.${key}`]);
    }
  });

  it('accepts null only where the DTO documents the field as nullable, and names it beside other errors', async () => {
    const patch = (value: unknown) => pipe.transform(value, { type: 'body', metatype: PatchDto });
    assert.deepEqual(await fieldsOf(patch({ title: null })), ['title']);
    assert.deepEqual(await fieldsOf(patch({ ratings: { care: null } })), ['ratings.care']);
    assert.deepEqual(await fieldsOf(patch({ title: null, ratings: { care: 9 } })), ['ratings.care', 'title']);
    assert.ok((await patch({ district: null })) instanceof PatchDto);
    assert.ok((await patch({})) instanceof PatchDto);
  });
});
