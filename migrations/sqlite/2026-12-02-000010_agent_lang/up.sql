-- Each agent's dashboard language, chosen with the language switch while signed in and set
-- again at each sign-in; NULL: the browser's.
ALTER TABLE agents ADD COLUMN lang TEXT;
