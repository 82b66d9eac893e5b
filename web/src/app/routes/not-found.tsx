import { NotFound } from '../../components/error-page';

export function Component() {
  return <NotFound />;
}
