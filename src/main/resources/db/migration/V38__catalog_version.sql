-- One row counting catalog changes. Every catalog write bumps it in its own transaction; each node
-- keeps the catalog it has read in memory under the version it read, and checks this one indexed
-- row before using it, so a price change on one node is seen by the next request on every node.
create table catalog_version (
    id int primary key,
    version bigint not null
);
insert into catalog_version (id, version) values (1, 0);
