-- =============================================================================
-- Situation: PostgreSQL schema for Orleans 10.4.2 ADO.NET providers
--   * Microsoft.Orleans.Persistence.AdoNet 10.4.2  (grain storage)
--   * Microsoft.Orleans.Clustering.AdoNet  10.4.2  (membership)
-- ADO.NET invariant: "Npgsql" (Npgsql 10).
--
-- Idempotent: every statement can run again on an already-initialised database.
-- Re-running refreshes the functions and every OrleansQuery text in place.
-- Needs PostgreSQL 9.5+ (ON CONFLICT); tested on 15.
--
-- How Orleans talks to this schema (from the 10.4.2 assemblies):
--   * It reads the OrleansQuery table once at start-up and afterwards only runs
--     those texts, binding named parameters (@Name). Npgsql rewrites @Name to
--     $n; a name the provider does not bind is left in the text unreplaced, so
--     each text below uses only the parameters that its caller binds.
--   * Parameters are typed from their DbType: Int32 -> integer, Int64 -> bigint,
--     String/AnsiString -> text, Binary -> bytea, and DateTime -> timestamptz
--     (Npgsql 6+). So the functions take text/integer/bigint/bytea/timestamptz.
--   * PostgreSQL reads `=@` as one operator, so every comparison is
--     written `= @Param` with a space.
--   * Result columns are read by name (Npgsql falls back to matching names
--     without regard to case, so the unquoted, lower-case identifiers are fine).
-- =============================================================================

BEGIN;

-- Several silos may start together and each run this script. Take a
-- transaction-scoped advisory lock so two runs never race on CREATE ... IF NOT EXISTS.
SELECT pg_advisory_xact_lock(7301844052817);

-- -----------------------------------------------------------------------------
-- Query catalogue. Both providers run SELECT QueryKey, QueryText FROM OrleansQuery.
-- QueryText is text (not varchar(8000)) so long queries never get cut short.
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- =============================================================================
-- Grain storage
-- =============================================================================
-- One row for each (service, state name, grain key). Orleans passes:
--   GrainIdHash     int    hash of the grain key bytes (default hasher: XxHash32)
--   GrainIdN0/N1    bigint Guid keys: the two halves; integer keys: N0 = 0, N1 = key;
--                          string keys: both 0
--   GrainIdExtensionString  text  key extension for Guid/integer keys, the WHOLE
--                          key for string-keyed grains, NULL when there is none
--   GrainTypeHash   int    hash of GrainTypeString
--   GrainTypeString text   the state name ([PersistentState("name")]), not the grain class
--   ServiceId       text   ClusterOptions.ServiceId
-- The hashes are only a narrow index prefix; the natural key columns are
-- always compared too, so a hash collision can never return the wrong row.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,      -- text: string grain keys can be long
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,      -- serialized state; NULL once cleared
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NOT NULL   -- the ETag Orleans hands back to us
);

-- A unique index on the natural key, so that two activations racing to
-- insert the first version cannot both succeed (ON CONFLICT picks one winner).
-- The extension goes in as md5 so that a long string key never exceeds the
-- btree entry size limit. COALESCE(md5(NULL),'') = '' keeps NULL apart from an
-- empty string (md5('') is not ''), on any PostgreSQL version (no NULLS NOT DISTINCT needed).
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_NaturalKey
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
                       (COALESCE(md5(GrainIdExtensionString), '')));

-- The read side's rebuild reads many states of one kind by their keys at once
-- (PostgresStoredStates), without the hashes Orleans computes per grain.
CREATE INDEX IF NOT EXISTS situation_storage_by_key
    ON OrleansStorage (GrainTypeString, (md5(GrainIdExtensionString)));

-- WriteToStorageKey. Returns the new version, or NULL when the write was
-- refused (the version did not match, or the row already exists). Orleans turns
-- NULL (read as "") into an InconsistentStateException.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_expected        integer,
    p_payload         bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    IF p_expected IS NULL THEN
        -- The grain has no ETag, so it believes no row exists: insert version 1.
        -- If a row is already there (another activation, or stale state), do nothing.
        INSERT INTO OrleansStorage AS s
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, now(), 1)
        ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
                     (COALESCE(md5(GrainIdExtensionString), '')))
        DO NOTHING
        RETURNING s.Version INTO v_new;
    ELSE
        -- Optimistic concurrency: update only when the stored version is still the one the grain read.
        UPDATE OrleansStorage AS s
        SET PayloadBinary = p_payload,
            ModifiedOn    = now(),
            Version       = s.Version + 1
        WHERE s.GrainIdHash = p_grain_id_hash
          AND s.GrainTypeHash = p_grain_type_hash
          AND s.GrainIdN0 = p_grain_id_n0
          AND s.GrainIdN1 = p_grain_id_n1
          AND s.ServiceId = p_service_id
          AND s.GrainTypeString = p_grain_type
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND s.Version = p_expected
        RETURNING s.Version INTO v_new;
    END IF;

    -- A state that carries the audit record of its change (Situation's entity grains) has that
    -- record appended in this same transaction: a change and its record are one write. The trail
    -- keeps one record per entity and version, so a heartbeat carrying the same record adds none.
    IF v_new IS NOT NULL AND position('"LastChange"'::bytea IN p_payload) > 0 THEN
        PERFORM situation_audit_from_state(p_payload);
    END IF;

    RETURN v_new;
END
$fn$;

-- ClearStorageKey (used when DeleteStateOnClear = false, the default). It keeps
-- the row, drops the payload and bumps the version, so the grain's next write
-- with that version succeeds. Returns the new version, or NULL on a version conflict.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_expected        integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    UPDATE OrleansStorage AS s
    SET PayloadBinary = NULL,
        ModifiedOn    = now(),
        Version       = s.Version + 1
    WHERE s.GrainIdHash = p_grain_id_hash
      AND s.GrainTypeHash = p_grain_type_hash
      AND s.GrainIdN0 = p_grain_id_n0
      AND s.GrainIdN1 = p_grain_id_n1
      AND s.ServiceId = p_service_id
      AND s.GrainTypeString = p_grain_type
      AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
      AND s.Version = p_expected
    RETURNING s.Version INTO v_new;

    RETURN v_new;
END
$fn$;

-- DeleteStorageKey (used when DeleteStateOnClear = true). It removes the row when
-- the version matches. Orleans only checks that the value it gets back is
-- non-empty and differs from the old ETag (then it sets the ETag to null), so
-- return old version + 1, or NULL on a version conflict.
CREATE OR REPLACE FUNCTION orleans_storage_delete(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_expected        integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    DELETE FROM OrleansStorage AS s
    WHERE s.GrainIdHash = p_grain_id_hash
      AND s.GrainTypeHash = p_grain_type_hash
      AND s.GrainIdN0 = p_grain_id_n0
      AND s.GrainIdN1 = p_grain_id_n1
      AND s.ServiceId = p_service_id
      AND s.GrainTypeString = p_grain_type
      AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
      AND s.Version = p_expected
    RETURNING s.Version + 1 INTO v_new;

    RETURN v_new;
END
$fn$;

-- =============================================================================
-- Cluster membership
-- =============================================================================
-- One version row for each cluster (DeploymentId = ClusterOptions.ClusterId). Every
-- membership change bumps Version, and that is the optimistic-concurrency token
-- of the membership protocol.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId text           NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row for each silo instance. The times are timestamptz because Npgsql sends
-- Orleans' DateTime (DbType.DateTime, Kind=Utc) as timestamptz; with a plain
-- `timestamp` column the value would pass through the session time zone.
-- Address stays text: Orleans sends IPAddress.ToString() and reads a string back.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId text           NOT NULL,
    Address      text           NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     text           NOT NULL,
    HostName     text           NOT NULL,
    Status       integer        NOT NULL,  -- SiloStatus: 3 = Active, 6 = Dead
    ProxyPort    integer        NOT NULL DEFAULT 0,
    SuspectTimes text           NULL,      -- "addr,date|addr,date" as Orleans writes it
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- InsertMembershipKey. Bumps the table version (only if it still equals
-- p_version) and inserts the silo row, both or neither. Returns true on success.
-- The inner block is a sub-transaction: a duplicate row raises unique_violation,
-- which undoes the version bump too.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    BEGIN
        -- Locks the version row, so membership writers for this cluster go one at a time.
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version
          AND Version < 2147483647;             -- never overflow integer
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RETURN false;                       -- stale table version: nothing changed
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, p_start_time, p_i_am_alive_time);

        RETURN true;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN false;                       -- row already present; version bump rolled back
    END;
END
$fn$;

-- UpdateMembershipKey. Same all-or-nothing rule as the insert: the version bump
-- and the row update both happen, or neither does. IAmAliveTime never goes
-- backwards (GREATEST), so a late writer cannot undo a newer heartbeat.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version
          AND Version < 2147483647;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RETURN false;
        END IF;

        UPDATE OrleansMembershipTable AS m
        SET Status       = p_status,
            SuspectTimes = p_suspect_times,
            IAmAliveTime = GREATEST(m.IAmAliveTime, p_i_am_alive_time)
        WHERE m.DeploymentId = p_deployment_id
          AND m.Address = p_address
          AND m.Port = p_port
          AND m.Generation = p_generation;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            -- No such silo row: raise so that the sub-transaction undoes the version bump.
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
        END IF;

        RETURN true;
    EXCEPTION
        WHEN no_data_found THEN
            RETURN false;
    END;
END
$fn$;

-- =============================================================================
-- Query texts. Upserted, so a re-run replaces older texts.
-- Parameters each key receives (as bound by the 10.4.2 providers) are listed above it.
-- =============================================================================
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- ---------------------------- grain storage ----------------------------------
-- @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString
-- @GrainIdExtensionString @ServiceId. Reads PayloadBinary and Version by name;
-- no row means no state. A row whose PayloadBinary is NULL (cleared) gives
-- RecordExists = false but keeps its version as the ETag.
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- the same seven parameters plus @GrainStateVersion (int, NULL = no ETag) and
-- @PayloadBinary (bytea). Reads column NewGrainStateVersion.
('WriteToStorageKey', $q$
SELECT orleans_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                             @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
       AS NewGrainStateVersion;
$q$),

-- the same seven parameters plus @GrainStateVersion. Reads column 0 as a string.
('ClearStorageKey', $q$
SELECT orleans_storage_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                             @GrainIdExtensionString, @ServiceId, @GrainStateVersion)
       AS NewGrainStateVersion;
$q$),

-- the same as ClearStorageKey. Optional for Orleans, but Init throws if
-- DeleteStateOnClear = true and this key is missing.
('DeleteStorageKey', $q$
SELECT orleans_storage_delete(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                              @GrainIdExtensionString, @ServiceId, @GrainStateVersion)
       AS NewGrainStateVersion;
$q$),

-- ------------------------------ membership -----------------------------------
-- @DeploymentId. Returns a single boolean column: true if this call created the version row.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS Inserted;
$q$),

-- @DeploymentId @IAmAliveTime @SiloName @HostName @Address @Port @Generation
-- @StartTime @Status @ProxyPort @Version. Returns a single boolean column.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
       AS Succeeded;
$q$),

-- @DeploymentId @Address @Port @Generation @IAmAliveTime @Status @SuspectTimes
-- @Version. Returns a single boolean column.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
                                 @SuspectTimes, @IAmAliveTime, @Version)
       AS Succeeded;
$q$),

-- @DeploymentId @Address @Port @Generation @IAmAliveTime. Nothing is read back.
-- It does not bump the table version (heartbeats are not membership changes).
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation;
$q$),

-- @DeploymentId @Address @Port @Generation. Always returns at least the version
-- row (LEFT JOIN): Orleans takes the table version from row 0 and treats a NULL
-- StartTime as "no member".
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$q$),

-- @DeploymentId. Same columns as MembershipReadRowKey, one row per silo.
('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$q$),

-- @DeploymentId. Removes the whole cluster's rows in one statement: the CTE
-- deletes the silo rows, and the foreign key is checked only at statement end.
('DeleteMembershipTableEntriesKey', $q$
WITH silos AS (
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
)
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId;
$q$),

-- @DeploymentId @Status (always 3 = Active). Reads Address, ProxyPort, Generation.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
$q$),

-- @DeploymentId @IAmAliveTime (the cut-off). Required by Orleans, which uses it
-- only when CleanupDefunctSiloEntryKey is missing. Conservative: only Dead (6)
-- silos that were neither started nor heard from after the cut-off, with no suspicions.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
  AND StartTime < @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Optional; 10.4.2 prefers it when it is present. @DeploymentId @Address @Port
-- @Generation @SuspectTimes @StartTime @IAmAliveTime: the values Orleans just
-- read for one Dead row. The row is deleted only if it is still exactly that
-- row (compare-and-delete), so a concurrent update keeps it.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- -----------------------------------------------------------------------------
-- Situation's own audit trail (not Orleans'): one row per accepted change of an
-- entity, user or API key. Append-only: the triggers refuse UPDATE and DELETE.
-- (entity_type, entity_id, version) is unique, so appending a change twice
-- (after a crash between storing a state and its record) keeps one row.
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS situation_audit (
    seq         bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text NOT NULL,
    version     bigint NOT NULL,
    action      text NOT NULL,
    before      text,
    after       text,
    UNIQUE (entity_type, entity_id, version)
);
CREATE INDEX IF NOT EXISTS situation_audit_at ON situation_audit (at);
CREATE INDEX IF NOT EXISTS situation_audit_actor ON situation_audit (actor, seq);

CREATE OR REPLACE FUNCTION situation_audit_append_only() RETURNS trigger AS $f$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$f$ LANGUAGE plpgsql;

-- The record a grain state carries (System.Text.Json: {"Current": …, "LastChange": {…}}), appended
-- by orleans_storage_write in the transaction that stores the state.
CREATE OR REPLACE FUNCTION situation_audit_from_state(p_payload bytea) RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_change jsonb := convert_from(p_payload, 'UTF8')::jsonb -> 'LastChange';
BEGIN
    IF v_change IS NULL OR jsonb_typeof(v_change) <> 'object' OR v_change ->> 'EntityType' IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO situation_audit (at, actor, entity_type, entity_id, version, action, before, after)
    VALUES ((v_change ->> 'At')::timestamptz, v_change ->> 'Actor', v_change ->> 'EntityType', v_change ->> 'EntityId',
            (v_change ->> 'Version')::bigint, v_change ->> 'Action', v_change ->> 'Before', v_change ->> 'After')
    ON CONFLICT (entity_type, entity_id, version) DO NOTHING;
END
$fn$;

DROP TRIGGER IF EXISTS situation_audit_no_change ON situation_audit;
CREATE TRIGGER situation_audit_no_change BEFORE UPDATE OR DELETE ON situation_audit
    FOR EACH ROW EXECUTE FUNCTION situation_audit_append_only();

-- -----------------------------------------------------------------------------
-- Replay's records beside the audit trail (README "History"): every flag change
-- as the dashboards were sent it, and snapshots of where the picture stood (the
-- audit record of each entity, the flag record of each open flag) so that a
-- replay reads from the newest snapshot before its moment, not from the start.
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS situation_flag_log (
    seq     bigserial PRIMARY KEY,
    at      timestamptz NOT NULL,
    flag_id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL,
    body    text
);
CREATE INDEX IF NOT EXISTS situation_flag_log_at ON situation_flag_log (at);

CREATE TABLE IF NOT EXISTS situation_history_snapshot (
    at       timestamptz PRIMARY KEY,
    entities bigint[] NOT NULL,
    flags    bigint[] NOT NULL
);

-- The kept situation reports (README "Situation reports"): their figures, rendered
-- on download; one scheduled report a period, whichever node makes it first.
CREATE TABLE IF NOT EXISTS situation_sitrep (
    number       bigserial PRIMARY KEY,
    id           text NOT NULL UNIQUE,
    period_from  timestamptz NOT NULL,
    period_to    timestamptz NOT NULL,
    generated_at timestamptz NOT NULL,
    generated_by text NOT NULL,
    scheduled    boolean NOT NULL,
    figures      text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS situation_sitrep_scheduled ON situation_sitrep (period_from, period_to) WHERE scheduled;

COMMIT;
