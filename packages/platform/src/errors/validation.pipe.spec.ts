import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
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
});
