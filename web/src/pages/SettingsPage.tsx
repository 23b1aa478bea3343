// Settings (administrators and Full Access): what is backed up (the 14 Entra ID object types,
// all off at first, each covering the whole tenant), when, how long it is kept, where it goes,
// and the connection's health.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  SpinButton,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap, type ApiProblem } from '../api/client';
import type { BackupSettings, EffectiveSettings, ObjectType } from '../api/types';
import { ConnectionHealth } from '../components/ConnectionHealth';
import { useOrganization } from '../components/OrganizationScope';
import { Section } from '../components/Section';
import { Problem, Show } from '../components/status';
import { OBJECT_TYPE_LABELS } from '../object-types';
import { useSession } from '../session';
import { asProblem, useLoad } from '../use-load';

const useStyles = makeStyles({
  switches: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingVerticalS,
  },
  fields: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'flex-end' },
  actions: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalM} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

const SCHEDULES = [
  { cron: '0 3,15 * * *', label: 'Twice a day (03:00 and 15:00)' },
  { cron: '0 */6 * * *', label: 'Every 6 hours' },
  { cron: '0 2 * * *', label: 'Once a day (02:00)' },
];

export function SettingsPage() {
  const { organization } = useOrganization();
  const organizationId = organization.id;
  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/organizations/{organizationId}/settings', { params: { path: { organizationId } } }),
      ),
    organizationId,
  );
  return (
    <Show loaded={loaded} label="Loading settings…">
      {(effective) => <SettingsForm key={organizationId} effective={effective} />}
    </Show>
  );
}

function SettingsForm({ effective }: { effective: EffectiveSettings }) {
  const styles = useStyles();
  const { me } = useSession();
  const { organization, reload } = useOrganization();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(effective);
  const [draft, setDraft] = useState<BackupSettings>(effective.settings);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();
  const locked = saved.policy !== null;
  const changed = JSON.stringify(draft) !== JSON.stringify(saved.settings);
  const enabled = Object.values(draft.objectTypes).filter(Boolean).length;

  const update = (change: (settings: BackupSettings) => BackupSettings) => {
    setNotice(undefined);
    setDraft((current) => change(current));
  };

  async function backUpNow() {
    setProblem(undefined);
    try {
      const { job } = await unwrap(
        api.POST('/api/organizations/{organizationId}/jobs/backup', {
          params: { path: { organizationId: organization.id } },
          body: {},
        }),
      );
      void navigate(`/organizations/${organization.id}/jobs/${job.id}`);
    } catch (error) {
      setProblem(asProblem(error));
    }
  }

  async function save() {
    setSaving(true);
    setProblem(undefined);
    try {
      const answer = await unwrap(
        api.PUT('/api/organizations/{organizationId}/settings', {
          params: { path: { organizationId: organization.id } },
          body: draft,
        }),
      );
      setSaved(answer);
      setDraft(answer.settings);
      setNotice('Settings saved.');
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Section title="Connection">
        <ConnectionHealth
          organization={organization}
          ownTenant={me?.user.tenantId === organization.tenantId}
          onChecked={reload}
        />
      </Section>
      {locked && (
        <MessageBar intent="info">
          <MessageBarBody>
            These settings come from the policy “{saved.policy?.name}” of your reseller and cannot be changed
            here.
          </MessageBarBody>
        </MessageBar>
      )}
      <Section
        title="What is backed up"
        description={`${enabled} of ${Object.keys(draft.objectTypes).length} Entra ID object types. Each one covers the whole tenant.`}
      >
        <div className={styles.switches}>
          {(Object.keys(draft.objectTypes) as ObjectType[]).map((type) => (
            <Switch
              key={type}
              disabled={locked}
              checked={draft.objectTypes[type]}
              label={{
                children: (
                  <>
                    <Text weight="semibold">{OBJECT_TYPE_LABELS[type]?.label ?? type}</Text>
                    <br />
                    <Text size={200}>{OBJECT_TYPE_LABELS[type]?.description}</Text>
                  </>
                ),
              }}
              aria-label={OBJECT_TYPE_LABELS[type]?.label ?? type}
              onChange={(_event, data) =>
                update((settings) => ({
                  ...settings,
                  objectTypes: { ...settings.objectTypes, [type]: data.checked },
                }))
              }
            />
          ))}
        </div>
      </Section>
      <Section title="Schedule" description="When backups run. The first full backup starts at the next run.">
        <div className={styles.fields}>
          <Field label="Runs">
            <Select
              disabled={locked}
              value={
                SCHEDULES.some((preset) => preset.cron === draft.schedule.cron)
                  ? draft.schedule.cron
                  : 'custom'
              }
              onChange={(_event, data) => {
                if (data.value !== 'custom')
                  update((settings) => ({
                    ...settings,
                    schedule: { ...settings.schedule, cron: data.value },
                  }));
              }}
            >
              {SCHEDULES.map((preset) => (
                <option key={preset.cron} value={preset.cron}>
                  {preset.label}
                </option>
              ))}
              <option value="custom">Custom (cron)</option>
            </Select>
          </Field>
          <Field label="Cron expression" hint="minute hour day month weekday">
            <Input
              disabled={locked}
              value={draft.schedule.cron}
              onChange={(_event, data) =>
                update((settings) => ({ ...settings, schedule: { ...settings.schedule, cron: data.value } }))
              }
            />
          </Field>
          <Field label="Time zone" hint="e.g. Europe/Berlin">
            <Input
              disabled={locked}
              value={draft.schedule.timeZone}
              onChange={(_event, data) =>
                update((settings) => ({
                  ...settings,
                  schedule: { ...settings.schedule, timeZone: data.value },
                }))
              }
            />
          </Field>
        </div>
      </Section>
      <Section title="Retention" description="Which backups are kept; the others are removed on schedule.">
        <div className={styles.fields}>
          {(
            [
              ['keepWithinDays', 'Keep every backup of the last (days)'],
              ['daily', 'Then one a day, for (days)'],
              ['weekly', 'One a week, for (weeks)'],
              ['monthly', 'One a month, for (months)'],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} label={label}>
              <SpinButton
                disabled={locked}
                min={0}
                value={draft.retention[key]}
                onChange={(_event, data) => {
                  const value = data.value ?? Number(data.displayValue);
                  if (Number.isInteger(value) && value >= 0)
                    update((settings) => ({
                      ...settings,
                      retention: { ...settings.retention, [key]: value },
                    }));
                }}
              />
            </Field>
          ))}
        </div>
      </Section>
      <Section
        title="Where backups go"
        description="A directory on the server or an S3 location (s3://bucket/prefix)."
      >
        <Field label="Repository location">
          <Input
            disabled={locked}
            value={draft.repository?.location ?? ''}
            placeholder="Not chosen yet: the service's default"
            onChange={(_event, data) =>
              update((settings) => ({
                ...settings,
                repository: data.value ? { location: data.value } : null,
              }))
            }
          />
        </Field>
      </Section>
      {problem && <Problem problem={problem} />}
      {!locked && (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={!changed || saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save settings'}
          </Button>
          <Button disabled={!changed || saving} onClick={() => setDraft(saved.settings)}>
            Discard changes
          </Button>
          <Button
            disabled={changed || enabled === 0}
            title={changed ? 'Save your changes first' : undefined}
            onClick={() => void backUpNow()}
          >
            Back up now
          </Button>
          {notice && !changed && (
            <Text role="status" aria-live="polite">
              {notice}
            </Text>
          )}
        </div>
      )}
    </>
  );
}
