-- The HTTP proxy an account's upstream requests leave through ('http://host:port'); NULL = direct.
ALTER TABLE upstream_accounts ADD COLUMN egress_proxy VARCHAR(500);
