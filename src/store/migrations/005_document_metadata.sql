-- What a page says about itself beyond the source columns of 001 (url, publisher, author,
-- published): the language of the article (a BCP 47 tag such as "en" or "ru-RU").

ALTER TABLE documents ADD COLUMN language TEXT;
