package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MunicipalityRepository extends GenericRepository<MunicipalityRow, String> {

    Optional<MunicipalityRow> findById(String code);

    List<MunicipalityRow> findAllOrderByCode();

    MunicipalityRow save(MunicipalityRow municipality);
}
