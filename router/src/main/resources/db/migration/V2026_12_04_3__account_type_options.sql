-- Options an account's type reads, as a JSON object of strings: a Gemini CLI OAuth account's Code
-- Assist project ('project') and endpoint ('base_uri'). NULL = none (every other account).
ALTER TABLE upstream_accounts ADD COLUMN type_options VARCHAR(2000);
