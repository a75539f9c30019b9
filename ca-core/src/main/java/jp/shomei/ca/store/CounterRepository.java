package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The gap-free counters and the common-name sequence; see V1__foundation.sql. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CounterRepository extends GenericRepository<GaplessCounterRow, String> {

    @Query("UPDATE gapless_counter SET current_value = current_value + 1 WHERE name = :name")
    void increment(String name);

    /** Takes the counter's row lock without moving it. */
    @Query("UPDATE gapless_counter SET current_value = current_value WHERE name = :name")
    void lock(String name);

    @Query("SELECT current_value FROM gapless_counter WHERE name = :name")
    long current(String name);

    @Query("SELECT nextval('common_name_sequence')")
    long nextCommonNameSequence();
}
