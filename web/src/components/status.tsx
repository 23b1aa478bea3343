// How a page says it is loading, that there is nothing yet, or what went wrong — in words.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/client';
import type { Loaded } from '../use-load';

const useStyles = makeStyles({
  empty: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXXL,
    alignItems: 'center',
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
  },
});

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} labelPosition="below" style={{ padding: tokens.spacingVerticalXXL }} />;
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty} role="status">
      <Text weight="semibold" size={400}>
        {title}
      </Text>
      {children && <Text>{children}</Text>}
    </div>
  );
}

/** What a refusal means for the person reading it. */
function titleOf(problem: ApiProblem): string {
  if (problem.status === 0) return 'The service cannot be reached';
  if (problem.status === 401) return 'You are signed out';
  if (problem.status === 403) return 'You do not have access to this';
  if (problem.status === 404) return 'Not found';
  if (problem.status >= 500) return 'Something went wrong on our side';
  return 'That did not work';
}

export function Problem({ problem, retry }: { problem: ApiProblem; retry?: () => void }) {
  return (
    <MessageBar intent={problem.status === 403 || problem.status === 404 ? 'warning' : 'error'} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{titleOf(problem)}</MessageBarTitle>
        {problem.message}
      </MessageBarBody>
      <MessageBarActions>
        {problem.status === 401 && (
          <Button as="a" href={`/auth/sign-in?returnTo=${encodeURIComponent(window.location.pathname)}`}>
            Sign in
          </Button>
        )}
        {retry && problem.status !== 401 && problem.status !== 403 && problem.status !== 404 && (
          <Button onClick={retry}>Try again</Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}

/** Shows the loading or failed state, else the content built from the data. */
export function Show<T>({
  loaded,
  label,
  children,
}: {
  loaded: Loaded<T>;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading') return <Loading label={label} />;
  if (loaded.state === 'failed') return <Problem problem={loaded.problem} retry={loaded.reload} />;
  return <>{children(loaded.data)}</>;
}
