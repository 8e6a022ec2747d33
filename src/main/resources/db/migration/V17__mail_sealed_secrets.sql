-- Mail carrying a secret (a password-reset token, a password) keeps it sealed at rest: the stored
-- bodies show [sealed] where the secret goes, and sealed_content holds the mail as sent (subject
-- and both bodies), encrypted with the node secret (AES-GCM). The sender opens it at delivery and
-- the column is emptied once the mail is sent or dead; the flag stays, so the mail is never resent.
ALTER TABLE mail_outbox ADD COLUMN sealed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE mail_outbox ADD COLUMN sealed_content VARCHAR(1000000);

-- Reset mails queued before this version hold their token in clear: redact it (one token per
-- body) and stop the ones not sent yet, since a redacted reset mail is of no use; the client asks
-- for a new one.
UPDATE mail_outbox
   SET body_text = REGEXP_REPLACE(body_text, 'Token: [A-Za-z0-9_-]+', 'Token: [sealed]'),
       body_html = REGEXP_REPLACE(body_html, '<code>[A-Za-z0-9_-]{20,}</code>', '<code>[sealed]</code>'),
       sealed = TRUE
 WHERE template = 'password.reset';
UPDATE mail_outbox
   SET status = 'dead', claimed_by = NULL,
       last_error = 'Not sent: its token was sealed on upgrade; a new password reset sends a new one'
 WHERE template = 'password.reset' AND status IN ('queued', 'sending', 'failed');
