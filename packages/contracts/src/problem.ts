/** An error response, as RFC 9457 `application/problem+json`, with a stable machine key. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Stable machine-readable key such as `AUTH.EMAIL_TAKEN`. */
  key: string;
  /** One entry per invalid field, when the request was rejected for its content. */
  errors?: FieldError[];
  instance?: string;
  requestId?: string;
}

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `email` or `ratings.care`. */
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
