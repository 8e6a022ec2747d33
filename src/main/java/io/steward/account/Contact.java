package io.steward.account;

import java.time.LocalDateTime;

/** A contact (sub-account) of a client, with the privileges the client granted it. */
public record Contact(long id, long clientId, Profile profile, Privileges privileges, LocalDateTime createdAt,
                      LocalDateTime lastloginAt) {}
