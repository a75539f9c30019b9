package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AddressProtectionRepository extends GenericRepository<AddressProtectionRow, String> {

    boolean existsById(String residentCode);

    AddressProtectionRow save(AddressProtectionRow row);

    void deleteById(String residentCode);
}
