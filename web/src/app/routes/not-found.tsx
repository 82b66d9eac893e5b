import { NotFound } from '../../components/route-error';

export function Component() {
  return <NotFound />;
}
