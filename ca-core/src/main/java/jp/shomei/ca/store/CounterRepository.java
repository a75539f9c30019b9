package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The gap-free counters and the common-name sequence; see V1__foundation.sql. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CounterRepository extends GenericRepository<GaplessCounterRow, String> {

    String STATUS_EVENT = "status_event";
    String AUDIT_RECORD = "audit_record";

    /** Moves the counter on by count, taking its row lock until the transaction ends. */
    @Query("UPDATE gapless_counter SET current_value = current_value + :count WHERE name = :name")
    void advance(String name, long count);

    /** Takes the counter's row lock without moving it. */
    @Query("UPDATE gapless_counter SET current_value = current_value WHERE name = :name")
    void lock(String name);

    @Query("SELECT current_value FROM gapless_counter WHERE name = :name")
    long current(String name);

    @Query("SELECT nextval('common_name_sequence')")
    long nextCommonNameSequence();
}
