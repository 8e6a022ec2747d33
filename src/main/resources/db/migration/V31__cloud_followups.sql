-- Cloud follow-ups. Portable DDL for H2 2.x and PostgreSQL (see V1).

-- A VM stopped because its service was suspended: unsuspension starts it again (and only it;
-- VMs the client had stopped stay stopped).
ALTER TABLE cloud_vm ADD COLUMN resume_on_unsuspend BOOLEAN DEFAULT FALSE NOT NULL;
