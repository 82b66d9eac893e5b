/** Injection token for the running service's name (`auth`, `board`, `hospital`). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
