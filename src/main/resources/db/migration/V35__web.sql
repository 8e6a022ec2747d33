-- Browser sessions of the web client area (and, with realm 'staff', the staff console).
-- id_hash is the SHA-256 of the random cookie value (the cookie itself is never stored).
-- subject_id is the login (client area) or staff account (console); NULL for a visitor who has
-- not signed in yet, whose session only carries the CSRF token of the sign-in form.
-- cred_version is the login's credential version at sign-in: a password change ends the session.
-- Portable DDL for H2 2.x and PostgreSQL (see V1).
CREATE TABLE web_session (
    id_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    realm         VARCHAR(16)  NOT NULL,
    subject_id    BIGINT,
    cred_version  INTEGER      NOT NULL DEFAULT 0,
    csrf_token    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    last_seen_at  TIMESTAMP    NOT NULL
);
CREATE INDEX web_session_subject ON web_session (realm, subject_id);
CREATE INDEX web_session_seen ON web_session (last_seen_at);
