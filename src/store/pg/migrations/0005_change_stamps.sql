-- keel on PostgreSQL, schema 5: many searches' change stamps in one statement, for a coach's
-- roster (a warm roster checks each client's stamp and computes only the clients whose ledger
-- moved; one round trip per client cost 0.25 ms, 50 ms at 200 clients).
--
-- Row-level security still decides: the function runs as its caller (SECURITY INVOKER), names
-- each search to the policy in turn (the transaction-local keel.search_id, as a store's
-- transaction does) and reads that search's journal alone, then restores the setting. It reads
-- two integers per search (the newest change's id and the count of undone changes, as
-- PgStore::ChangeStamp does); which searches is the caller's decision (the roster's grants).
-- Names that are not a search are left out of the answer.
CREATE FUNCTION keel_change_stamps(names text[])
  RETURNS TABLE (name text, last_change bigint, undone bigint)
  LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  was text := current_setting('keel.search_id', true);
  found record;
BEGIN
  FOR found IN SELECT n.id, n.name FROM search_names n WHERE n.name = ANY (names) ORDER BY n.name
  LOOP
    PERFORM set_config('keel.search_id', found.id::text, true);
    RETURN QUERY
      SELECT found.name, coalesce(max(c.id), 0)::bigint, count(c.undone_at)::bigint
      FROM changes c WHERE c.search_id = found.id;
  END LOOP;
  PERFORM set_config('keel.search_id', coalesce(was, ''), true);
END
$$;
