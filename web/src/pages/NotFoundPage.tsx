import { Link } from 'react-router';
import { Empty } from '../components/status';

export function NotFoundPage() {
  return (
    <Empty title="There is no page here">
      The address may be mistyped or out of date. <Link to="/">Go to your start page</Link>.
    </Empty>
  );
}
