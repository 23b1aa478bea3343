// The frame around every signed-in page: the header (who is signed in, sign out) and the
// navigation, which offers only what the person's access allows in the organization shown.
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { NavLink, useMatch } from 'react-router';
import { api } from '../api/client';
import { accessTo, useSession } from '../session';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateRows: 'auto 1fr', minHeight: '100vh' },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase500 },
  user: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  body: {
    display: 'grid',
    gridTemplateColumns: '220px 1fr',
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  nav: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalM,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    '@media (max-width: 900px)': { flexDirection: 'row', flexWrap: 'wrap', borderRight: 'none' },
  },
  link: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
  heading: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  main: { padding: tokens.spacingHorizontalXXL, minWidth: 0 },
});

function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <NavLink
      to={to}
      end={end}
      className={({ isActive }) => mergeClasses(styles.link, isActive && styles.active)}
    >
      {children}
    </NavLink>
  );
}

async function signOut() {
  await api.POST('/auth/sign-out');
  window.location.assign('/');
}

export function Shell({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const { me } = useSession();
  const match = useMatch('/organizations/:organizationId/*');
  if (!me) return null;
  const organizationId = match?.params.organizationId;
  const access = organizationId ? accessTo(me, organizationId) : 'none';
  const base = `/organizations/${organizationId}`;
  const own = me.organization;
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <span className={styles.product}>tenantvault</span>
        <div className={styles.user}>
          <Text>
            {me.user.displayName} ·{' '}
            {me.reseller?.displayName ?? own?.displayName ?? me.user.userPrincipalName}
          </Text>
          <Button appearance="secondary" size="small" onClick={() => void signOut()}>
            Sign out
          </Button>
        </div>
      </header>
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Main">
          {organizationId && access !== 'none' && (
            <>
              <span className={styles.heading}>Organization</span>
              <NavItem to={base} end>
                Dashboard
              </NavItem>
              <NavItem to={`${base}/entra`}>Entra ID backup</NavItem>
              <NavItem to={`${base}/jobs`}>Jobs</NavItem>
              <NavItem to={`${base}/settings`}>Settings</NavItem>
              {access === 'administrator' && <NavItem to={`${base}/users`}>Users</NavItem>}
              {access === 'administrator' && <NavItem to={`${base}/audit`}>Audit log</NavItem>}
            </>
          )}
          <span className={styles.heading}>You</span>
          {own && own.access !== 'none' && own.id !== organizationId && (
            <NavItem to={`/organizations/${own.id}`}>{own.displayName}</NavItem>
          )}
          {me.reseller && <NavItem to="/organizations">Customers</NavItem>}
          <NavItem to="/my">My data</NavItem>
        </nav>
        <main className={styles.main}>{children}</main>
      </div>
    </div>
  );
}
